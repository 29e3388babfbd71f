package dev.keyroute.wgcore.allowedips;

import dev.keyroute.config.Prefix;

/**
 * Keys as 128-bit values {@code (hi, lo)}, most significant bit first; an IPv4 key occupies the
 * top 32 bits of {@code hi}.
 */
final class Keys {
    private Keys() {
    }

    /** Trie level (address byte) where a prefix of length {@code len} is homed. */
    static int homeLevel(int len) {
        return len == 0 ? 0 : (len - 1) >>> 3;
    }

    /** Byte {@code i} (0 = most significant) of the 128-bit key. */
    static int byteAt(long hi, long lo, int i) {
        return i < 8 ? (int) (hi >>> (56 - 8 * i)) & 0xff : (int) (lo >>> (120 - 8 * i)) & 0xff;
    }

    /**
     * Code of a prefix in the chunk of its home {@code level}: {@code (1 << l) | bits}, where
     * {@code l = len - 8 * level} and {@code bits} are the first {@code l} bits of that byte.
     */
    static int code(long hi, long lo, int len, int level) {
        int l = len - 8 * level;
        return 1 << l | byteAt(hi, lo, level) >>> (8 - l);
    }

    /** Number of significant bits {@code l} of a code. */
    static int bitsOf(int code) {
        return 31 - Integer.numberOfLeadingZeros(code);
    }

    /** First slot (of the code's byte) covered by a code. */
    static int startOf(int code) {
        int l = bitsOf(code);
        return (code & ((1 << l) - 1)) << (8 - l);
    }

    /** End (exclusive) of the slots covered by a code. */
    static int endOf(int code) {
        return startOf(code) + (1 << (8 - bitsOf(code)));
    }

    static long hiOf(Prefix p) {
        return p.addressBits(0);
    }

    static long loOf(Prefix p) {
        return p.isIpv6() ? p.addressBits(8) : 0;
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
