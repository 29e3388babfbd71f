package dev.keyroute.wgcore.crypto;

import java.util.Arrays;

/**
 * TAI64N timestamps as WireGuard puts them in handshake initiations: 8 bytes big-endian
 * 0x400000000000000a + Unix seconds, then 4 bytes big-endian nanoseconds. As wireguard-go does,
 * the nanoseconds are rounded down to a multiple of 2^24 so the timestamp does not fingerprint
 * the host clock.
 */
public final class Tai64n {
    public static final int SIZE = 12;
    private static final long BASE = 0x400000000000000aL;
    private static final int WHITENER_MASK = (1 << 24) - 1;

    private Tai64n() {
    }

    public static byte[] now(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L) & ~WHITENER_MASK;
        long label = BASE + seconds;
        byte[] out = new byte[SIZE];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (label >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            out[8 + i] = (byte) (nanos >>> (24 - 8 * i));
        }
        return out;
    }

    /** Orders timestamps in time (unsigned big-endian comparison); negative if a is earlier. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }
}
