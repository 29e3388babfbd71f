package dev.keyroute.wgcore.allowedips;

import java.util.function.LongConsumer;

/**
 * Set of IPv4 prefixes. Callers pass prefixes packed into one {@code long}
 * ({@link #pack}: {@code 1 << 40 | address << 8 | length}); inside, a prefix of length
 * {@code l <= 31} is stored as one {@code int}, its {@code l} bits under a marker bit
 * ({@code 1 << l | address >>> (32 - l)}, never 0), and a /32 as its address in a second set
 * (0.0.0.0/32 as a flag): 4 bytes per slot instead of 8, which halves the per-peer index.
 * Writer-only.
 */
final class PrefixSet4 {
    private final IntSet nets = new IntSet();
    private IntSet hosts;
    private boolean zeroHost;

    static long pack(long hi, int len) {
        return 1L << 40 | (hi >>> 32) << 8 | len;
    }

    static long hiOf(long key) {
        return ((key >>> 8) & 0xffffffffL) << 32;
    }

    static int lenOf(long key) {
        return (int) key & 0xff;
    }

    /** The stored form of a prefix shorter than /32. */
    private static int net(long key) {
        int len = lenOf(key);
        return (int) (1L << len | ((key >>> 8) & 0xffffffffL) >>> (32 - len));
    }

    private static long unnet(int net) {
        int len = 31 - Integer.numberOfLeadingZeros(net);
        long addr = len == 0 ? 0 : (long) (net ^ 1 << len) << (32 - len);
        return 1L << 40 | addr << 8 | len;
    }

    int size() {
        return nets.size + (hosts == null ? 0 : hosts.size) + (zeroHost ? 1 : 0);
    }

    void add(long key) {
        if (lenOf(key) < 32) {
            nets.add(net(key));
            return;
        }
        int addr = (int) (key >>> 8);
        if (addr == 0) {
            zeroHost = true;
            return;
        }
        if (hosts == null) {
            hosts = new IntSet();
        }
        hosts.add(addr);
    }

    /** The home slot of the prefix (see {@link Writer4#prefetch}). */
    int prefetch(long key) {
        if (lenOf(key) == 32) {
            return 0;
        }
        int[] k = nets.keys;
        return k[IntSet.hash(net(key), k.length - 1)];
    }

    boolean remove(long key) {
        if (lenOf(key) < 32) {
            return nets.remove(net(key));
        }
        int addr = (int) (key >>> 8);
        if (addr == 0) {
            boolean had = zeroHost;
            zeroHost = false;
            return had;
        }
        return hosts != null && hosts.remove(addr);
    }

    void forEach(LongConsumer action) {
        for (int k : nets.keys) {
            if (k != 0) {
                action.accept(unnet(k));
            }
        }
        if (hosts != null) {
            for (int a : hosts.keys) {
                if (a != 0) {
                    action.accept(pack((long) a << 32, 32));
                }
            }
        }
        if (zeroHost) {
            action.accept(pack(0, 32));
        }
    }

    /** Makes room for {@code more} additions without growing in between. */
    void reserve(int more) {
        nets.reserve(more);
    }

    /** Open-addressing set of non-zero ints (linear probing, backward-shift deletion, load at most 3/4). */
    private static final class IntSet {
        int[] keys = new int[8];
        int size;

        private static int hash(int key, int mask) {
            int h = key * 0x9E3779B9;
            return (h ^ (h >>> 16)) & mask;
        }

        void add(int key) {
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

        boolean remove(int key) {
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
            int[] old = keys;
            keys = new int[capacity];
            size = 0;
            for (int k : old) {
                if (k != 0) {
                    add(k);
                }
            }
        }
    }
}
