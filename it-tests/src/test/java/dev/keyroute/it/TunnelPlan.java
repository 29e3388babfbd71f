package dev.keyroute.it;

/**
 * Addresses, keys and port of a point-to-point tunnel between {@link TwoHosts}: each side owns
 * one IPv4 and one IPv6 tunnel address and routes exactly the other side's addresses to its peer.
 * No persistent keepalive, so the side that sends first is the handshake initiator.
 */
public record TunnelPlan(KeyPair leftKeys, KeyPair rightKeys) {
    public static final String LEFT_V4 = "10.241.0.1";
    public static final String RIGHT_V4 = "10.241.0.2";
    public static final String LEFT_V6 = "fd00:6b72::1";
    public static final String RIGHT_V6 = "fd00:6b72::2";
    public static final int PORT = 51820;
    /** The same MTU for every engine, so throughput comparisons are fair. */
    public static final int MTU = 1420;

    public static TunnelPlan generate() {
        return new TunnelPlan(Keys.generate(), Keys.generate());
    }

    public WgConfig leftConfig() {
        return config(leftKeys, LEFT_V4, LEFT_V6, rightKeys, TwoHosts.UNDERLAY_RIGHT, RIGHT_V4, RIGHT_V6);
    }

    public WgConfig rightConfig() {
        return config(rightKeys, RIGHT_V4, RIGHT_V6, leftKeys, TwoHosts.UNDERLAY_LEFT, LEFT_V4, LEFT_V6);
    }

    private static WgConfig config(KeyPair self, String selfV4, String selfV6,
                                   KeyPair peer, String peerUnderlay, String peerV4, String peerV6) {
        return WgConfig.builder(self)
                .listenPort(PORT)
                .address(selfV4 + "/24")
                .address(selfV6 + "/64")
                .mtu(MTU)
                .peer(PeerConfig.of(peer.publicKey(), peerUnderlay + ":" + PORT, peerV4 + "/32", peerV6 + "/128"))
                .build();
    }
}
