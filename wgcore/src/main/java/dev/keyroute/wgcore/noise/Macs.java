package dev.keyroute.wgcore.noise;

import dev.keyroute.wgcore.crypto.Blake2s;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * mac1/mac2 geometry shared by initiations and responses: mac1 is the 16 bytes at length-32 and
 * covers everything before it; mac2 is the last 16 bytes and covers everything before it.
 */
final class Macs {
    static final int MAC_SIZE = 16;
    /** Smallest message that can carry both MACs after its 4-byte header. */
    static final int MIN_LENGTH = 4 + 2 * MAC_SIZE;

    private Macs() {
    }

    static int mac1Offset(int length) {
        return length - 2 * MAC_SIZE;
    }

    static int mac2Offset(int length) {
        return length - MAC_SIZE;
    }

    /** MAC(key, buf[from, from+len)). */
    static byte[] compute(byte[] key, ByteBuffer buf, int from, int len) {
        if (buf.hasArray()) {
            return Blake2s.mac(key, buf.array(), buf.arrayOffset() + from, len);
        }
        byte[] copy = new byte[len];
        buf.get(from, copy);
        return Blake2s.mac(key, copy, 0, len);
    }

    /** Constant-time comparison of {@code expected} with the 16 bytes at {@code index}. */
    static boolean matches(byte[] expected, ByteBuffer buf, int index) {
        byte[] actual = new byte[MAC_SIZE];
        buf.get(index, actual);
        return MessageDigest.isEqual(expected, actual);
    }
}
