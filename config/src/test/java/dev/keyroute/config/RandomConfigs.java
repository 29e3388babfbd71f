package dev.keyroute.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;

/** Generates valid configs exercising every setting, for round-trip tests. */
final class RandomConfigs {
    private static final String HOOK_CHARS =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_=%$'\"/\\|;&<>()[]{}.,:!?*~`^@+";

    private final Random r;

    RandomConfigs(Random r) {
        this.r = r;
    }

    WgConfig config() {
        WgConfig.Builder b = WgConfig.builder().setInterface(iface());
        int peers = r.nextInt(6);
        for (int i = 0; i < peers; i++) {
            b.addPeer(peer());
        }
        if (r.nextBoolean()) {
            b.setKeyroute(keyroute());
        }
        return b.build();
    }

    InterfaceConfig iface() {
        InterfaceConfig.Builder b = InterfaceConfig.builder();
        if (r.nextInt(5) > 0) {
            b.setPrivateKey(key());
        }
        if (r.nextBoolean()) {
            b.setListenPort(r.nextInt(65536));
        }
        if (r.nextInt(3) == 0) {
            b.setFwMark(r.nextInt());
        }
        for (int n = r.nextInt(4); n > 0; n--) {
            byte[] a = address();
            b.addAddress(InterfaceAddress.of(a, r.nextInt(a.length * 8 + 1)));
        }
        for (int n = r.nextInt(3); n > 0; n--) {
            b.addDnsServer(inet(address()));
        }
        for (int n = r.nextInt(3); n > 0; n--) {
            b.addDnsSearchDomain(hostname());
        }
        if (r.nextBoolean()) {
            b.setMtu(InterfaceConfig.MIN_MTU + r.nextInt(InterfaceConfig.MAX_MTU - InterfaceConfig.MIN_MTU + 1));
        }
        if (r.nextInt(3) == 0) {
            String[] tables = {"off", "auto", "1234", "main", "vpn_table"};
            b.setTable(tables[r.nextInt(tables.length)]);
        }
        for (int n = r.nextInt(3); n > 0; n--) {
            switch (r.nextInt(4)) {
                case 0 -> b.addPreUp(hook());
                case 1 -> b.addPostUp(hook());
                case 2 -> b.addPreDown(hook());
                default -> b.addPostDown(hook());
            }
        }
        b.setSaveConfig(r.nextInt(4) == 0);
        return b.build();
    }

    PeerConfig peer() {
        PeerConfig.Builder b = PeerConfig.builder(key());
        if (r.nextBoolean()) {
            b.setPresharedKey(key());
        }
        for (int n = r.nextInt(6); n > 0; n--) {
            byte[] a = address();
            b.addAllowedIp(Prefix.of(a, r.nextInt(a.length * 8 + 1)));
        }
        if (r.nextBoolean()) {
            b.setEndpoint(endpoint());
        }
        if (r.nextBoolean()) {
            b.setPersistentKeepalive(r.nextInt(PeerConfig.MAX_KEEPALIVE + 1));
        }
        return b.build();
    }

    KeyrouteOptions keyroute() {
        KeyrouteOptions.Builder b = KeyrouteOptions.builder();
        for (int n = r.nextInt(4); n > 0; n--) {
            int[] named = {253, 254, 255};
            b.addTable(r.nextBoolean() ? named[r.nextInt(3)] : 1 + r.nextInt(Integer.MAX_VALUE));
        }
        if (r.nextBoolean()) {
            b.setSourceCheck(KeyrouteOptions.SourceCheck.values()[r.nextInt(2)]);
        }
        if (r.nextBoolean()) {
            b.setMulticast(KeyrouteOptions.Multicast.values()[r.nextInt(2)]);
        }
        switch (r.nextInt(3)) {
            case 0 -> b.setMetricsAddress(null);
            case 1 -> b.setMetricsAddress(endpoint());
            default -> { }
        }
        if (r.nextBoolean()) {
            b.setControlSocket("/run/" + label() + "/" + label() + ".sock");
        }
        return b.build();
    }

    Key key() {
        byte[] k = new byte[Key.LENGTH];
        r.nextBytes(k);
        return Key.of(k);
    }

    Endpoint endpoint() {
        int port = 1 + r.nextInt(65535);
        return switch (r.nextInt(3)) {
            case 0 -> Endpoint.of(Values.addressText(bytes(4)), port);
            case 1 -> Endpoint.of(Values.addressText(bytes(16)), port);
            default -> Endpoint.of(hostname(), port);
        };
    }

    private byte[] address() {
        return bytes(r.nextBoolean() ? 4 : 16);
    }

    private byte[] bytes(int n) {
        byte[] a = new byte[n];
        r.nextBytes(a);
        if (n == 16 && r.nextBoolean()) { // runs of zero groups exercise "::" compression
            int from = r.nextInt(16);
            for (int i = from; i < Math.min(16, from + r.nextInt(12)); i++) {
                a[i] = 0;
            }
        }
        return a;
    }

    private static InetAddress inet(byte[] a) {
        try {
            return InetAddress.getByAddress(a);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private String hostname() {
        StringBuilder sb = new StringBuilder(label());
        for (int n = r.nextInt(3); n > 0; n--) {
            sb.append('.').append(label());
        }
        return sb.toString();
    }

    /** A DNS label with at least one letter, so it never looks like an address. */
    private String label() {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789-";
        StringBuilder sb = new StringBuilder().append((char) ('a' + r.nextInt(26)));
        for (int n = r.nextInt(10); n > 0; n--) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }

    private String hook() {
        StringBuilder sb = new StringBuilder();
        for (int n = 1 + r.nextInt(40); n > 0; n--) {
            sb.append(HOOK_CHARS.charAt(r.nextInt(HOOK_CHARS.length())));
        }
        String s = sb.toString().strip();
        return s.isEmpty() ? "true" : s;
    }
}
