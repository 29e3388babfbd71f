package dev.keyroute.it;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The output of {@code wg show <if> dump}: one tab-separated line for the interface
 * (private key, public key, listen port, fwmark), then one per peer (public key, preshared key,
 * endpoint, allowed IPs, latest handshake, rx bytes, tx bytes, persistent keepalive).
 * {@link #toString()} hides the private and preshared keys, so assertion messages stay clean.
 */
public record WgDump(String privateKey, String publicKey, int listenPort, String fwmark, List<Peer> peers) {
    public WgDump {
        peers = List.copyOf(peers);
    }

    public static WgDump parse(String text) {
        String[] lines = text.strip().split("\n");
        String[] head = fields(lines[0], 4);
        List<Peer> peers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = fields(lines[i], 8);
            List<String> allowed = f[3].equals("(none)") ? List.of() : Arrays.asList(f[3].split(","));
            peers.add(new Peer(f[0], f[1], f[2], allowed, Long.parseLong(f[4]), Long.parseLong(f[5]),
                    Long.parseLong(f[6]), f[7]));
        }
        return new WgDump(head[0], head[1], Integer.parseInt(head[2]), head[3], peers);
    }

    public Optional<Peer> peer(String publicKey) {
        return peers.stream().filter(p -> p.publicKey().equals(publicKey)).findFirst();
    }

    @Override
    public String toString() {
        return "WgDump[privateKey=" + (privateKey.equals("(none)") ? "(none)" : "(set)") + ", publicKey=" + publicKey
                + ", listenPort=" + listenPort + ", fwmark=" + fwmark + ", peers=" + peers + "]";
    }

    private static String[] fields(String line, int expected) {
        String[] f = line.split("\t", -1);
        if (f.length != expected) {
            throw new IllegalArgumentException("expected " + expected + " tab-separated fields, got " + f.length
                    + " in a wg dump line starting " + line.substring(0, Math.min(10, line.length())) + "...");
        }
        return f;
    }

    /** One peer line. {@code latestHandshake} is Unix seconds, 0 for never. */
    public record Peer(String publicKey, String presharedKey, String endpoint, List<String> allowedIps,
                       long latestHandshake, long rxBytes, long txBytes, String persistentKeepalive) {
        public Peer {
            allowedIps = List.copyOf(allowedIps);
        }

        @Override
        public String toString() {
            return "Peer[" + publicKey + ", psk=" + (presharedKey.equals("(none)") ? "(none)" : "(set)")
                    + ", endpoint=" + endpoint + ", allowedIps=" + allowedIps + ", latestHandshake=" + latestHandshake
                    + ", rx=" + rxBytes + ", tx=" + txBytes + ", keepalive=" + persistentKeepalive + "]";
        }
    }
}
