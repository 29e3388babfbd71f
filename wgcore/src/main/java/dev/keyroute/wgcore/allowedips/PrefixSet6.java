package dev.keyroute.wgcore.allowedips;

/**
 * Open-addressing set (linear probing, backward-shift deletion) of IPv6 prefixes as parallel
 * arrays: the two halves of the masked address and {@code length + 1} (0 marks a free slot).
 * About 17 bytes per slot at a load factor up to 3/4. Writer-only.
 */
final class PrefixSet6 {
    /** Receives one prefix. */
    interface Visitor {
        void accept(long hi, long lo, int len);
    }

    private long[] his = new long[8];
    private long[] los = new long[8];
    private byte[] lens = new byte[8];
    private int size;

    int size() {
        return size;
    }

    private static int hash(long hi, long lo, int len, int mask) {
        long h = (hi * 0x9E3779B97F4A7C15L) ^ (lo * 0xC2B2AE3D27D4EB4FL) ^ len;
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    private boolean at(int i, long hi, long lo, int len) {
        return (lens[i] & 0xff) == len + 1 && his[i] == hi && los[i] == lo;
    }

    /** Reads the home slot of the prefix (see {@link Writer4#prefetch}). */
    long prefetch(long hi, long lo, int len) {
        int i = hash(hi, lo, len, lens.length - 1);
        return lens[i] + his[i] + los[i];
    }

    void add(long hi, long lo, int len) {
        if (size + 1 > lens.length - (lens.length >>> 2)) {
            grow();
        }
        int mask = lens.length - 1;
        int i = hash(hi, lo, len, mask);
        while (lens[i] != 0) {
            if (at(i, hi, lo, len)) {
                return;
            }
            i = (i + 1) & mask;
        }
        his[i] = hi;
        los[i] = lo;
        lens[i] = (byte) (len + 1);
        size++;
    }

    boolean remove(long hi, long lo, int len) {
        int mask = lens.length - 1;
        int i = hash(hi, lo, len, mask);
        while (!at(i, hi, lo, len)) {
            if (lens[i] == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
        lens[i] = 0;
        size--;
        for (int j = (i + 1) & mask; lens[j] != 0; j = (j + 1) & mask) {
            int ideal = hash(his[j], los[j], (lens[j] & 0xff) - 1, mask);
            if (((j - ideal) & mask) >= ((j - i) & mask)) {
                his[i] = his[j];
                los[i] = los[j];
                lens[i] = lens[j];
                lens[j] = 0;
                i = j;
            }
        }
        return true;
    }

    void forEach(Visitor action) {
        for (int i = 0; i < lens.length; i++) {
            if (lens[i] != 0) {
                action.accept(his[i], los[i], (lens[i] & 0xff) - 1);
            }
        }
    }

    private void grow() {
        long[] oh = his;
        long[] ol = los;
        byte[] on = lens;
        his = new long[oh.length * 2];
        los = new long[oh.length * 2];
        lens = new byte[oh.length * 2];
        size = 0;
        for (int i = 0; i < on.length; i++) {
            if (on[i] != 0) {
                add(oh[i], ol[i], (on[i] & 0xff) - 1);
            }
        }
    }
}
