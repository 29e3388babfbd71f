package dev.keyroute.wgcore.allowedips;

/** A set of 256 bits in four longs (one per 64), e.g. the /24s of a /16. */
final class Bits256 {
    private Bits256() {
    }

    /** Sets bits {@code [from, to)}. */
    static void markRange(long[] bits, int from, int to) {
        for (int w = from >>> 6; w <= (to - 1) >>> 6; w++) {
            long lo = w == from >>> 6 ? -1L << from : -1L;
            long hi = w == (to - 1) >>> 6 ? -1L >>> (63 - ((to - 1) & 63)) : -1L;
            bits[w] |= lo & hi;
        }
    }

    /** First index at or after {@code from} whose bit is clear (256 if none). */
    static int nextClear(long[] bits, int from) {
        for (int w = from >>> 6; w < 4; w++) {
            long free = ~bits[w] & (w == from >>> 6 ? -1L << from : -1L);
            if (free != 0) {
                return w << 6 | Long.numberOfTrailingZeros(free);
            }
        }
        return 256;
    }

    /** First index at or after {@code from} whose bit is set (256 if none). */
    static int nextSet(long[] bits, int from) {
        for (int w = from >>> 6; w < 4; w++) {
            long set = bits[w] & (w == from >>> 6 ? -1L << from : -1L);
            if (set != 0) {
                return w << 6 | Long.numberOfTrailingZeros(set);
            }
        }
        return 256;
    }
}
