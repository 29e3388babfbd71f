package dev.keyroute.wgcore.allowedips;

import dev.keyroute.config.Prefix;

/** Bit arithmetic on 128-bit keys {@code (hi, lo)}, most significant bit first. */
final class Keys {
    static final int V4_BITS = 32;
    static final int V6_BITS = 128;

    private Keys() {
    }

    /** Bit {@code i} (0 = most significant) of the key. */
    static int bit(long hi, long lo, int i) {
        return i < 64 ? (int) (hi >>> (63 - i)) & 1 : (int) (lo >>> (127 - i)) & 1;
    }

    /** Bit {@code i} of an IPv4 address, {@code i < 32}. */
    static int bit4(int addr, int i) {
        return (addr >>> (31 - i)) & 1;
    }

    /** Number of leading bits two keys share, at most {@code max}. */
    static int commonPrefix(long aHi, long aLo, long bHi, long bLo, int max) {
        long x = aHi ^ bHi;
        int n = x != 0 ? Long.numberOfLeadingZeros(x) : 64 + Long.numberOfLeadingZeros(aLo ^ bLo);
        return Math.min(n, max);
    }

    /** Whether the first {@code len} bits of an IPv4 address equal the (masked) key. */
    static boolean matches4(int addr, int key, int len) {
        return len == 0 || ((addr ^ key) >>> (32 - len)) == 0;
    }

    /** Whether the first {@code len} bits of an IPv6 address equal the (masked) key. */
    static boolean matches6(long hi, long lo, long keyHi, long keyLo, int len) {
        if (len <= 64) {
            return len == 0 || ((hi ^ keyHi) >>> (64 - len)) == 0;
        }
        return hi == keyHi && ((lo ^ keyLo) >>> (128 - len)) == 0;
    }

    static long hiOf(Prefix p) {
        byte[] a = p.address();
        return a.length == 4 ? ((long) int4(a, 0)) << 32 : long8(a, 0);
    }

    static long loOf(Prefix p) {
        byte[] a = p.address();
        return a.length == 4 ? 0 : long8(a, 8);
    }

    static int int4(byte[] a, int off) {
        return (a[off] & 0xff) << 24 | (a[off + 1] & 0xff) << 16 | (a[off + 2] & 0xff) << 8 | (a[off + 3] & 0xff);
    }

    static long long8(byte[] a, int off) {
        return ((long) int4(a, off)) << 32 | (int4(a, off + 4) & 0xffffffffL);
    }

    /** Rebuilds the canonical prefix of an entry. */
    static Prefix toPrefix(long hi, long lo, int len, boolean ipv6) {
        byte[] a = new byte[ipv6 ? 16 : 4];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) (i < 8 ? hi >>> (56 - 8 * i) : lo >>> (56 - 8 * (i - 8)));
        }
        return Prefix.of(a, len);
    }
}
