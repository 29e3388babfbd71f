package dev.keyroute.wgcore.device;

import dev.keyroute.wgcore.noise.Keypair;
import java.security.SecureRandom;

/**
 * Maps the random 32-bit receiver indices of handshakes and sessions to their peer. Writes are rare
 * (one per handshake) and copy the table; reads are lock-free and allocation-free, so the receive
 * path can look up every transport packet's index.
 */
final class IndexTable {
    /** What an index stands for: a handshake in progress, or a session keypair. */
    static final class Entry {
        final int index;
        final Peer peer;
        final Keypair keypair; // null while the index names a handshake

        Entry(int index, Peer peer, Keypair keypair) {
            this.index = index;
            this.peer = peer;
            this.keypair = keypair;
        }
    }

    private static final Entry[] EMPTY = new Entry[16];
    private final SecureRandom random = new SecureRandom();
    private volatile Entry[] slots = EMPTY; // open addressing, linear probing, power-of-two size
    private int count;

    /** Reserves a fresh random index for a handshake of {@code peer}. */
    synchronized int newHandshakeIndex(Peer peer) {
        while (true) {
            int idx = random.nextInt();
            if (find(slots, idx) == null) {
                put(new Entry(idx, peer, null));
                return idx;
            }
        }
    }

    /** Rebinds an index (previously a handshake) to the session keypair derived from it. */
    synchronized void bindKeypair(int index, Peer peer, Keypair keypair) {
        remove0(index);
        put(new Entry(index, peer, keypair));
    }

    synchronized void remove(int index) {
        remove0(index);
    }

    /** Lock-free lookup, or null. */
    Entry lookup(int index) {
        return find(slots, index);
    }

    synchronized int size() {
        return count;
    }

    private static Entry find(Entry[] t, int index) {
        int mask = t.length - 1;
        for (int i = mix(index) & mask; ; i = (i + 1) & mask) {
            Entry e = t[i];
            if (e == null) {
                return null;
            }
            if (e.index == index) {
                return e;
            }
        }
    }

    private void put(Entry e) {
        Entry[] t = slots;
        int cap = t.length;
        while ((count + 1) * 2 > cap) {
            cap <<= 1;
        }
        Entry[] n = new Entry[cap];
        for (Entry old : t) {
            if (old != null) {
                insert(n, old);
            }
        }
        insert(n, e);
        count++;
        slots = n;
    }

    private void remove0(int index) {
        Entry[] t = slots;
        if (find(t, index) == null) {
            return;
        }
        Entry[] n = new Entry[t.length];
        for (Entry old : t) {
            if (old != null && old.index != index) {
                insert(n, old);
            }
        }
        count--;
        slots = n;
    }

    private static void insert(Entry[] t, Entry e) {
        int mask = t.length - 1;
        int i = mix(e.index) & mask;
        while (t[i] != null) {
            i = (i + 1) & mask;
        }
        t[i] = e;
    }

    private static int mix(int x) {
        x ^= x >>> 16;
        x *= 0x7feb352d;
        x ^= x >>> 15;
        return x;
    }

}
