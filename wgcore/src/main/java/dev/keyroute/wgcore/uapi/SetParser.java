package dev.keyroute.wgcore.uapi;

import static dev.keyroute.wgcore.uapi.UapiException.EINVAL;
import static dev.keyroute.wgcore.uapi.UapiException.EPROTO;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Parses the body of a {@code set=1} request (the cross-platform userspace API) into a
 * {@link SetRequest}. Every key the stock {@code wg} tool sends is understood; {@code allowed_ip=-P}
 * (keyroute's extension) removes one prefix. Unknown keys, bad values and device keys after a peer
 * are refused with EINVAL.
 */
final class SetParser {
    private SetParser() {
    }

    static SetRequest parse(List<String> lines) throws UapiException {
        SetRequest req = new SetRequest();
        SetRequest.PeerChange peer = null;
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new UapiException(EPROTO, "malformed line '" + line + "'");
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.equals("public_key")) {
                peer = new SetRequest.PeerChange(hexKey(key, value));
                req.peers.add(peer);
                continue;
            }
            if (peer == null) {
                deviceKey(req, key, value);
            } else {
                peerKey(peer, key, value);
            }
        }
        return req;
    }

    private static void deviceKey(SetRequest req, String key, String value) throws UapiException {
        switch (key) {
            case "private_key" -> {
                req.hasPrivateKey = true;
                Key k = hexKey(key, value);
                req.privateKey = k.isZero() ? null : k;
            }
            case "listen_port" -> req.listenPort = (int) number(key, value, 65535);
            case "fwmark" -> req.fwmark = (int) number(key, value, 0xffffffffL);
            case "replace_peers" -> req.replacePeers = bool(key, value);
            default -> throw new UapiException(EINVAL, "invalid device key '" + key + "'");
        }
    }

    private static void peerKey(SetRequest.PeerChange p, String key, String value) throws UapiException {
        switch (key) {
            case "remove" -> p.remove = bool(key, value);
            case "update_only" -> p.updateOnly = bool(key, value);
            case "preshared_key" -> {
                p.hasPresharedKey = true;
                Key k = hexKey(key, value);
                p.presharedKey = k.isZero() ? null : k;
            }
            case "endpoint" -> p.endpoint = endpoint(value);
            case "persistent_keepalive_interval" -> p.persistentKeepalive = (int) number(key, value, 65535);
            case "replace_allowed_ips" -> p.replaceAllowedIps = bool(key, value);
            case "allowed_ip" -> {
                boolean removal = value.startsWith("-");
                String text = removal ? value.substring(1) : value;
                if (text.indexOf('/') < 0) {
                    throw new UapiException(EINVAL, "allowed_ip needs a prefix length: '" + value + "'");
                }
                try {
                    p.allowedIps.add(Prefix.parse(text));
                } catch (IllegalArgumentException e) {
                    throw new UapiException(EINVAL, "invalid allowed_ip '" + value + "': " + e.getMessage());
                }
                p.allowedIpRemoval.add(removal);
            }
            case "protocol_version" -> {
                if (!value.equals("1")) {
                    throw new UapiException(EINVAL, "unsupported protocol_version '" + value + "'");
                }
            }
            default -> throw new UapiException(EINVAL, "invalid peer key '" + key + "'");
        }
    }

    private static Key hexKey(String key, String value) throws UapiException {
        try {
            return Key.fromHex(value);
        } catch (IllegalArgumentException e) {
            throw new UapiException(EINVAL, key + ": " + e.getMessage());
        }
    }

    private static long number(String key, String value, long max) throws UapiException {
        if (value.isEmpty() || value.length() > 10 || !value.chars().allMatch(Character::isDigit)) {
            throw new UapiException(EINVAL, key + ": not a number '" + value + "'");
        }
        long n = Long.parseLong(value);
        if (n > max) {
            throw new UapiException(EINVAL, key + ": " + n + " out of range 0.." + max);
        }
        return n;
    }

    private static boolean bool(String key, String value) throws UapiException {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UapiException(EINVAL, key + ": expected true or false, got '" + value + "'");
        };
    }

    /** {@code a.b.c.d:port} or {@code [v6]:port}, numeric only (wg resolves names before sending). */
    static InetSocketAddress endpoint(String value) throws UapiException {
        String host;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0 || close + 1 >= value.length() || value.charAt(close + 1) != ':') {
                throw new UapiException(EINVAL, "invalid endpoint '" + value + "'");
            }
            host = value.substring(1, close);
            int pct = host.indexOf('%');
            if (pct >= 0) {
                host = host.substring(0, pct);
            }
            port = value.substring(close + 2);
        } else {
            int colon = value.lastIndexOf(':');
            if (colon <= 0 || value.indexOf(':') != colon) {
                throw new UapiException(EINVAL, "invalid endpoint '" + value + "'");
            }
            host = value.substring(0, colon);
            port = value.substring(colon + 1);
        }
        long p = number("endpoint port", port, 65535);
        if (p == 0) {
            throw new UapiException(EINVAL, "endpoint port must not be 0");
        }
        try {
            byte[] addr = Prefix.parseAddress(host);
            return new InetSocketAddress(InetAddress.getByAddress(addr), (int) p);
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new UapiException(EINVAL, "invalid endpoint address '" + host + "'");
        }
    }
}
