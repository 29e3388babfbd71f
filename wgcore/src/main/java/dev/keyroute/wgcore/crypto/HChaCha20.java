package dev.keyroute.wgcore.crypto;

import java.util.Arrays;

/** HChaCha20 (draft-irtf-cfrg-xchacha §2.2): derives a 32-byte subkey from a key and 16-byte nonce. */
final class HChaCha20 {
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private HChaCha20() {
    }

    static byte[] subkey(byte[] key32, byte[] nonce, int nonceOffset) {
        int[] s = new int[16];
        System.arraycopy(SIGMA, 0, s, 0, 4);
        for (int i = 0; i < 8; i++) {
            s[4 + i] = le32(key32, 4 * i);
        }
        for (int i = 0; i < 4; i++) {
            s[12 + i] = le32(nonce, nonceOffset + 4 * i);
        }
        for (int round = 0; round < 10; round++) {
            quarter(s, 0, 4, 8, 12);
            quarter(s, 1, 5, 9, 13);
            quarter(s, 2, 6, 10, 14);
            quarter(s, 3, 7, 11, 15);
            quarter(s, 0, 5, 10, 15);
            quarter(s, 1, 6, 11, 12);
            quarter(s, 2, 7, 8, 13);
            quarter(s, 3, 4, 9, 14);
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 4; i++) {
            putLe32(out, 4 * i, s[i]);
            putLe32(out, 16 + 4 * i, s[12 + i]);
        }
        Arrays.fill(s, 0);
        return out;
    }

    private static void quarter(int[] s, int a, int b, int c, int d) {
        s[a] += s[b];
        s[d] = Integer.rotateLeft(s[d] ^ s[a], 16);
        s[c] += s[d];
        s[b] = Integer.rotateLeft(s[b] ^ s[c], 12);
        s[a] += s[b];
        s[d] = Integer.rotateLeft(s[d] ^ s[a], 8);
        s[c] += s[d];
        s[b] = Integer.rotateLeft(s[b] ^ s[c], 7);
    }

    private static int le32(byte[] b, int o) {
        return (b[o] & 0xff) | (b[o + 1] & 0xff) << 8 | (b[o + 2] & 0xff) << 16 | (b[o + 3] & 0xff) << 24;
    }

    private static void putLe32(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
        b[o + 2] = (byte) (v >>> 16);
        b[o + 3] = (byte) (v >>> 24);
    }
}
