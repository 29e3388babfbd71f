package dev.keyroute.wgcore.allowedips;

/**
 * Open-addressing set (linear probing, backward-shift deletion, no tombstones) of IPv4 prefixes
 * packed into one {@code long}: {@code 1 << 40 | address << 8 | length}, never 0, so 0 marks a
 * free slot. About 8 bytes per slot at a load factor up to 3/4. Writer-only.
 */
final class PrefixSet4 {
    private long[] keys = new long[8];
    private int size;

    static long pack(long hi, int len) {
        return 1L << 40 | (hi >>> 32) << 8 | len;
    }

    static long hiOf(long key) {
        return ((key >>> 8) & 0xffffffffL) << 32;
    }

    static int lenOf(long key) {
        return (int) key & 0xff;
    }

    int size() {
        return size;
    }

    private static int hash(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    void add(long key) {
        if (size + 1 > keys.length - (keys.length >>> 2)) {
            grow(keys.length * 2);
        }
        int mask = keys.length - 1;
        int i = hash(key, mask);
        while (keys[i] != 0) {
            if (keys[i] == key) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        size++;
    }

    boolean remove(long key) {
        int mask = keys.length - 1;
        int i = hash(key, mask);
        while (keys[i] != key) {
            if (keys[i] == 0) {
                return false;
            }
            i = (i + 1) & mask;
        }
        keys[i] = 0;
        size--;
        for (int j = (i + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int ideal = hash(keys[j], mask);
            if (((j - ideal) & mask) >= ((j - i) & mask)) {
                keys[i] = keys[j];
                keys[j] = 0;
                i = j;
            }
        }
        return true;
    }

    void forEach(java.util.function.LongConsumer action) {
        for (long k : keys) {
            if (k != 0) {
                action.accept(k);
            }
        }
    }

    /** Makes room for {@code more} additions without growing in between. */
    void reserve(int more) {
        int capacity = keys.length;
        while (size + more > capacity - (capacity >>> 2)) {
            capacity *= 2;
        }
        if (capacity != keys.length) {
            grow(capacity);
        }
    }

    private void grow(int capacity) {
        long[] old = keys;
        keys = new long[capacity];
        size = 0;
        for (long k : old) {
            if (k != 0) {
                add(k);
            }
        }
    }
}
