package dev.keyroute.it;

import java.util.ArrayList;
import java.util.List;

/**
 * What one test interface should look like: keys, port, addresses, MTU and peers. Renders itself
 * as a wg-quick file (for {@code keyrouted --config} and {@code wg-quick}) or as a {@code wg setconf}
 * file (no Address/MTU, which that tool rejects).
 */
public final class WgConfig {
    private final KeyPair keys;
    private final int listenPort;
    private final List<String> addresses;
    private final int mtu;
    private final List<PeerConfig> peers;
    private final List<String> keyroute;

    private WgConfig(Builder b) {
        this.keys = b.keys;
        this.listenPort = b.listenPort;
        this.addresses = List.copyOf(b.addresses);
        this.mtu = b.mtu;
        this.peers = List.copyOf(b.peers);
        this.keyroute = List.copyOf(b.keyroute);
    }

    public static Builder builder(KeyPair keys) {
        return new Builder(keys);
    }

    public KeyPair keys() {
        return keys;
    }

    /** 0 when unset (the engine picks one). */
    public int listenPort() {
        return listenPort;
    }

    public List<String> addresses() {
        return addresses;
    }

    /** 0 when unset. */
    public int mtu() {
        return mtu;
    }

    public List<PeerConfig> peers() {
        return peers;
    }

    /** wg-quick format: {@code [Interface]} with Address and MTU, then the peers. */
    public String toWgQuick() {
        StringBuilder sb = new StringBuilder("[Interface]\n");
        sb.append("PrivateKey = ").append(keys.privateKey()).append('\n');
        if (listenPort != 0) {
            sb.append("ListenPort = ").append(listenPort).append('\n');
        }
        for (String a : addresses) {
            sb.append("Address = ").append(a).append('\n');
        }
        if (mtu != 0) {
            sb.append("MTU = ").append(mtu).append('\n');
        }
        appendPeers(sb);
        if (!keyroute.isEmpty()) {
            sb.append("\n[keyroute]\n");
            keyroute.forEach(l -> sb.append(l).append('\n'));
        }
        return sb.toString();
    }

    /** {@code wg setconf} format: the same without Address and MTU. */
    public String toSetconf() {
        StringBuilder sb = new StringBuilder("[Interface]\n");
        sb.append("PrivateKey = ").append(keys.privateKey()).append('\n');
        if (listenPort != 0) {
            sb.append("ListenPort = ").append(listenPort).append('\n');
        }
        appendPeers(sb);
        return sb.toString();
    }

    private void appendPeers(StringBuilder sb) {
        for (PeerConfig p : peers) {
            sb.append("\n[Peer]\nPublicKey = ").append(p.publicKey()).append('\n');
            if (p.endpoint() != null) {
                sb.append("Endpoint = ").append(p.endpoint()).append('\n');
            }
            if (!p.allowedIps().isEmpty()) {
                sb.append("AllowedIPs = ").append(String.join(", ", p.allowedIps())).append('\n');
            }
            if (p.persistentKeepalive() != 0) {
                sb.append("PersistentKeepalive = ").append(p.persistentKeepalive()).append('\n');
            }
        }
    }

    @Override
    public String toString() {
        return "WgConfig[" + keys + ", port=" + listenPort + ", addresses=" + addresses + ", mtu=" + mtu
                + ", peers=" + peers + "]";
    }

    public static final class Builder {
        private final KeyPair keys;
        private int listenPort;
        private final List<String> addresses = new ArrayList<>();
        private int mtu;
        private final List<PeerConfig> peers = new ArrayList<>();
        private final List<String> keyroute = new ArrayList<>();

        private Builder(KeyPair keys) {
            this.keys = keys;
        }

        public Builder listenPort(int port) {
            this.listenPort = port;
            return this;
        }

        public Builder address(String cidr) {
            addresses.add(cidr);
            return this;
        }

        public Builder mtu(int mtu) {
            this.mtu = mtu;
            return this;
        }

        public Builder peer(PeerConfig peer) {
            peers.add(peer);
            return this;
        }

        /** A {@code Key = Value} line for the {@code [keyroute]} section (wg-quick output only). */
        public Builder keyroute(String line) {
            keyroute.add(line);
            return this;
        }

        public WgConfig build() {
            return new WgConfig(this);
        }
    }
}
