package dev.keyroute.wgcore.uapi;

import static dev.keyroute.wgcore.uapi.UapiException.EADDRINUSE;
import static dev.keyroute.wgcore.uapi.UapiException.EIO;

import dev.keyroute.config.Ipv6Text;
import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.device.AllowedIpsTable;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.device.Peer;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The cross-platform userspace API on top of a {@link Device}: {@code get=1} renders the state,
 * {@code set=1} applies a validated transaction. Transport-independent (see {@link UapiServer}).
 */
public final class Uapi {
    private static final String ZERO_KEY = "0".repeat(64);
    private final Device device;

    public Uapi(Device device) {
        this.device = device;
    }

    /** The body of a {@code get=1} reply, without the trailing {@code errno=0}. */
    public String get() {
        StringBuilder sb = new StringBuilder(512);
        synchronized (device) {
            Key priv = device.privateKey();
            if (priv != null) {
                sb.append("private_key=").append(priv.toHex()).append('\n');
            }
            if (device.listenPort() != 0) {
                sb.append("listen_port=").append(device.listenPort()).append('\n');
            }
            if (device.fwmark() != 0) {
                sb.append("fwmark=").append(Integer.toUnsignedString(device.fwmark())).append('\n');
            }
            Map<Peer, List<Prefix>> derived = device.allowedIps().derivedByPeer();
            for (Peer p : device.peers()) {
                peer(sb, p, derived.getOrDefault(p, List.of()));
            }
        }
        return sb.toString();
    }

    private void peer(StringBuilder sb, Peer p, List<Prefix> derived) {
        sb.append("public_key=").append(p.publicKey().toHex()).append('\n');
        Key psk = p.presharedKey();
        sb.append("preshared_key=").append(psk == null ? ZERO_KEY : psk.toHex()).append('\n');
        sb.append("protocol_version=1\n");
        InetSocketAddress ep = p.endpoint();
        if (ep != null) {
            sb.append("endpoint=").append(endpointText(ep)).append('\n');
        }
        long hs = p.lastHandshakeEpochNanos();
        sb.append("last_handshake_time_sec=").append(hs / 1_000_000_000L).append('\n');
        sb.append("last_handshake_time_nsec=").append(hs % 1_000_000_000L).append('\n');
        sb.append("tx_bytes=").append(p.txBytes()).append('\n');
        sb.append("rx_bytes=").append(p.rxBytes()).append('\n');
        sb.append("persistent_keepalive_interval=").append(p.persistentKeepaliveSeconds()).append('\n');
        for (Prefix prefix : device.allowedIps().staticOf(p)) {
            prefix.appendTo(sb.append("allowed_ip=")).append('\n');
        }
        for (Prefix prefix : derived) {
            prefix.appendTo(sb.append("allowed_ip=")).append('\n');
        }
    }

    static String endpointText(InetSocketAddress ep) {
        if (ep.getAddress() instanceof Inet6Address a6) {
            return "[" + Ipv6Text.compress(a6.getAddress()) + "]:" + ep.getPort();
        }
        return ep.getAddress().getHostAddress() + ":" + ep.getPort();
    }

    /** Parses and applies a {@code set=1} body; on error nothing has been changed. */
    public void set(List<String> lines) throws UapiException {
        SetRequest req = SetParser.parse(lines);
        synchronized (device) {
            apply(req);
        }
    }

    private void apply(SetRequest req) throws UapiException {
        if (req.listenPort != null && req.listenPort != device.listenPort()) {
            try {
                device.setListenPort(req.listenPort);
            } catch (BindException e) {
                throw new UapiException(EADDRINUSE, "listen port " + req.listenPort + " in use");
            } catch (IOException e) {
                throw new UapiException(EIO, "cannot open listen port: " + e.getMessage());
            }
        }
        if (req.hasPrivateKey) {
            device.setPrivateKey(req.privateKey);
        }
        if (req.fwmark != null) {
            try {
                device.setFwmark(req.fwmark);
            } catch (IOException e) {
                throw new UapiException(EIO, "cannot set fwmark: " + e.getMessage());
            }
        }
        if (req.replacePeers) {
            device.removeAllPeers();
        }
        for (SetRequest.PeerChange c : req.peers) {
            applyPeer(c);
        }
    }

    private void applyPeer(SetRequest.PeerChange c) {
        if (c.remove) {
            device.removePeer(c.publicKey);
            return;
        }
        Peer p = device.peer(c.publicKey);
        if (p == null) {
            if (c.updateOnly) {
                return;
            }
            p = device.addPeer(c.publicKey);
            if (p == null) {
                return; // our own public key: ignored, as wireguard-go does
            }
        }
        if (c.hasPresharedKey) {
            p.setPresharedKey(c.presharedKey);
        }
        if (c.endpoint != null) {
            p.setEndpoint(c.endpoint);
        }
        AllowedIpsTable table = device.allowedIps();
        if (c.replaceAllowedIps) {
            table.clearStatic(p);
        }
        if (!c.allowedIpRemoval.contains(Boolean.TRUE)) {
            table.addStatics(p, c.allowedIps); // a long list in one trie batch
        } else {
            for (int i = 0; i < c.allowedIps.size(); i++) {
                Prefix prefix = c.allowedIps.get(i);
                if (c.allowedIpRemoval.get(i)) {
                    table.removeStatic(p, prefix);
                } else {
                    table.addStatic(p, prefix);
                }
            }
        }
        if (c.persistentKeepalive != null) {
            p.setPersistentKeepaliveSeconds(c.persistentKeepalive);
        }
    }
}
