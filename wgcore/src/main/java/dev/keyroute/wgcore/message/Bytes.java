package dev.keyroute.wgcore.message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian absolute access that ignores the buffer's own byte order. */
final class Bytes {
    private Bytes() {
    }

    static int getIntLE(ByteBuffer b, int index) {
        int v = b.getInt(index);
        return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Integer.reverseBytes(v);
    }

    static void putIntLE(ByteBuffer b, int index, int value) {
        b.putInt(index, b.order() == ByteOrder.LITTLE_ENDIAN ? value : Integer.reverseBytes(value));
    }

    static long getLongLE(ByteBuffer b, int index) {
        long v = b.getLong(index);
        return b.order() == ByteOrder.LITTLE_ENDIAN ? v : Long.reverseBytes(v);
    }

    static void putLongLE(ByteBuffer b, int index, long value) {
        b.putLong(index, b.order() == ByteOrder.LITTLE_ENDIAN ? value : Long.reverseBytes(value));
    }

    /** Writes the type byte and zeroes the three reserved bytes. */
    static void putHeader(ByteBuffer b, int index, int type) {
        b.put(index, (byte) type);
        b.put(index + 1, (byte) 0);
        b.put(index + 2, (byte) 0);
        b.put(index + 3, (byte) 0);
    }

    static void get(ByteBuffer b, int index, byte[] dst, int length) {
        check(dst, length);
        b.get(index, dst, 0, length);
    }

    static void put(ByteBuffer b, int index, byte[] src, int length) {
        check(src, length);
        b.put(index, src, 0, length);
    }

    private static void check(byte[] a, int length) {
        if (a.length != length) {
            throw new IllegalArgumentException("field is " + length + " bytes, array is " + a.length);
        }
    }
}
