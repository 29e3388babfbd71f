package dev.keyroute.wgcore.crypto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Poly1305 (RFC 8439 §2.5) over buffers, in radix 2^26: the accumulator h and the clamped key r
 * are five 26-bit limbs each, so every product fits a long and a 16-byte block costs 25
 * multiplications with no 128-bit arithmetic. One instance per thread; {@link #init} starts a new
 * MAC. Constant time: no branch or index depends on secret data.
 */
final class Poly1305 {
    static final int TAG_SIZE = 16;
    private static final long M26 = 0x3ffffff;
    private static final long M32 = 0xffffffffL;

    private long r0, r1, r2, r3, r4;
    private long s1, s2, s3, s4;
    private long h0, h1, h2, h3, h4;
    private long pad0, pad1, pad2, pad3;

    /** Starts a MAC with the 32-byte one-time key at {@code key[off, off+32)}. */
    void init(ByteBuffer key, int off) {
        long t0 = le32(key, off);
        long t1 = le32(key, off + 4);
        long t2 = le32(key, off + 8);
        long t3 = le32(key, off + 12);
        // r &= 0x0ffffffc0ffffffc0ffffffc0fffffff, split into 26-bit limbs
        r0 = t0 & 0x3ffffff;
        r1 = ((t0 >>> 26) | (t1 << 6)) & 0x3ffff03;
        r2 = ((t1 >>> 20) | (t2 << 12)) & 0x3ffc0ff;
        r3 = ((t2 >>> 14) | (t3 << 18)) & 0x3f03fff;
        r4 = (t3 >>> 8) & 0x00fffff;
        s1 = r1 * 5;
        s2 = r2 * 5;
        s3 = r3 * 5;
        s4 = r4 * 5;
        h0 = h1 = h2 = h3 = h4 = 0;
        pad0 = le32(key, off + 16);
        pad1 = le32(key, off + 20);
        pad2 = le32(key, off + 24);
        pad3 = le32(key, off + 28);
    }

    /**
     * Absorbs {@code b[off, off+len)} as the message, zero-padded to a multiple of 16 bytes (the
     * AEAD's pad16), so each call starts on a block boundary.
     */
    void updatePadded(ByteBuffer b, int off, int len) {
        boolean le = b.order() == ByteOrder.LITTLE_ENDIAN;
        int end = off + (len & ~15);
        for (int i = off; i < end; i += 16) {
            long w0 = b.getLong(i);
            long w1 = b.getLong(i + 8);
            if (!le) {
                w0 = Long.reverseBytes(w0);
                w1 = Long.reverseBytes(w1);
            }
            block(w0 & M32, w0 >>> 32, w1 & M32, w1 >>> 32);
        }
        int rest = len & 15;
        if (rest != 0) {
            long w0 = 0;
            long w1 = 0;
            for (int k = 0; k < rest; k++) {
                long v = (long) (b.get(end + k) & 0xff) << ((k & 7) * 8);
                if (k < 8) {
                    w0 |= v;
                } else {
                    w1 |= v;
                }
            }
            block(w0 & M32, w0 >>> 32, w1 & M32, w1 >>> 32);
        }
    }

    /** Absorbs one 16-byte block given as two little-endian 64-bit words (e.g. the AEAD lengths). */
    void updateBlock(long lo, long hi) {
        block(lo & M32, lo >>> 32, hi & M32, hi >>> 32);
    }

    private void block(long t0, long t1, long t2, long t3) {
        long a0 = h0 + (t0 & M26);
        long a1 = h1 + (((t0 >>> 26) | (t1 << 6)) & M26);
        long a2 = h2 + (((t1 >>> 20) | (t2 << 12)) & M26);
        long a3 = h3 + (((t2 >>> 14) | (t3 << 18)) & M26);
        long a4 = h4 + ((t3 >>> 8) | (1L << 24));

        long d0 = a0 * r0 + a1 * s4 + a2 * s3 + a3 * s2 + a4 * s1;
        long d1 = a0 * r1 + a1 * r0 + a2 * s4 + a3 * s3 + a4 * s2;
        long d2 = a0 * r2 + a1 * r1 + a2 * r0 + a3 * s4 + a4 * s3;
        long d3 = a0 * r3 + a1 * r2 + a2 * r1 + a3 * r0 + a4 * s4;
        long d4 = a0 * r4 + a1 * r3 + a2 * r2 + a3 * r1 + a4 * r0;

        long c = d0 >>> 26;
        a0 = d0 & M26;
        d1 += c;
        c = d1 >>> 26;
        a1 = d1 & M26;
        d2 += c;
        c = d2 >>> 26;
        a2 = d2 & M26;
        d3 += c;
        c = d3 >>> 26;
        a3 = d3 & M26;
        d4 += c;
        c = d4 >>> 26;
        a4 = d4 & M26;
        a0 += c * 5;
        c = a0 >>> 26;
        a0 &= M26;
        a1 += c;
        h0 = a0;
        h1 = a1;
        h2 = a2;
        h3 = a3;
        h4 = a4;
    }

    /** Writes the 16-byte tag at {@code out[off]} and forgets the key. */
    void finish(ByteBuffer out, int off) {
        long a0 = h0, a1 = h1, a2 = h2, a3 = h3, a4 = h4;
        long c = a1 >>> 26;
        a1 &= M26;
        a2 += c;
        c = a2 >>> 26;
        a2 &= M26;
        a3 += c;
        c = a3 >>> 26;
        a3 &= M26;
        a4 += c;
        c = a4 >>> 26;
        a4 &= M26;
        a0 += c * 5;
        c = a0 >>> 26;
        a0 &= M26;
        a1 += c;

        // g = h + 5 - 2^130; use it when it does not borrow (h >= p)
        long g0 = a0 + 5;
        c = g0 >>> 26;
        g0 &= M26;
        long g1 = a1 + c;
        c = g1 >>> 26;
        g1 &= M26;
        long g2 = a2 + c;
        c = g2 >>> 26;
        g2 &= M26;
        long g3 = a3 + c;
        c = g3 >>> 26;
        g3 &= M26;
        long g4 = a4 + c - (1L << 26);
        long useG = (g4 >>> 63) - 1; // all ones when g4 >= 0
        a0 = (a0 & ~useG) | (g0 & useG);
        a1 = (a1 & ~useG) | (g1 & useG);
        a2 = (a2 & ~useG) | (g2 & useG);
        a3 = (a3 & ~useG) | (g3 & useG);
        a4 = (a4 & ~useG) | (g4 & useG);

        long w0 = (a0 | (a1 << 26)) & M32;
        long w1 = ((a1 >>> 6) | (a2 << 20)) & M32;
        long w2 = ((a2 >>> 12) | (a3 << 14)) & M32;
        long w3 = ((a3 >>> 18) | (a4 << 8)) & M32;

        long f = w0 + pad0;
        w0 = f & M32;
        f = w1 + pad1 + (f >>> 32);
        w1 = f & M32;
        f = w2 + pad2 + (f >>> 32);
        w2 = f & M32;
        f = w3 + pad3 + (f >>> 32);
        w3 = f & M32;
        putLe64(out, off, w0 | (w1 << 32));
        putLe64(out, off + 8, w2 | (w3 << 32));
        r0 = r1 = r2 = r3 = r4 = s1 = s2 = s3 = s4 = 0;
        h0 = h1 = h2 = h3 = h4 = 0;
        pad0 = pad1 = pad2 = pad3 = 0;
    }

    private static long le32(ByteBuffer b, int i) {
        int v = b.getInt(i);
        return (b.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v)) & M32;
    }

    static void putLe64(ByteBuffer b, int i, long v) {
        b.putLong(i, b.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v));
    }

    static long le64(ByteBuffer b, int i) {
        long v = b.getLong(i);
        return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v);
    }
}
