package dev.keyroute.wgcore.allowedips;

import dev.keyroute.config.Prefix;
import java.util.Arrays;
import java.util.List;

/**
 * {@link Batch#insertAll}: many inserts in one pass that touches memory in order, for loading a
 * full table. Inserting a million prefixes one by one in arrival order costs two cache misses
 * each that have nothing to do with the work: the /16 block's draft and the peer's prefix set
 * are somewhere random. Here
 *
 * <ol>
 *   <li>prefixes that do not go to the flat IPv4 table (IPv4 up to /16, IPv6) are inserted one
 *       by one, as by {@link Transaction#insert};
 *   <li>the flat IPv4 ones are bucketed by /16 block (counting sort), sorted within their block
 *       (where a prefix given twice becomes adjacent: the later one wins, as with repeated
 *       inserts) and put into the blocks' drafts in block order;
 *   <li>the per-peer index is updated afterwards, grouped by peer: every addition first, then
 *       the removals of replaced mappings, so that no peer looks empty (and loses its id) while
 *       table entries still carry it.
 * </ol>
 *
 * The end state equals inserting the same pairs one by one in list order.
 */
final class BulkInsert {
    /** Entries per call are limited so that (address, length, index) packs into a long. */
    private static final int MAX_ENTRIES = 1 << 25;

    private BulkInsert() {
    }

    /** Inserts {@code prefixes.get(i) → peers.get(i)} for every i; returns how many were new. */
    static int apply(Transaction tx, List<Prefix> prefixes, List<?> peers) {
        int n = prefixes.size();
        if (peers.size() != n) {
            throw new IllegalArgumentException("prefixes and peers differ in size: " + n + " and " + peers.size());
        }
        int sizeBefore = tx.size;
        int[] flat = new int[n];
        int flatCount = 0;
        for (int i = 0; i < n; i++) {
            Prefix p = prefixes.get(i);
            Object peer = java.util.Objects.requireNonNull(peers.get(i), "peer");
            if (!p.isIpv6() && p.length() > Transaction.SHORT_V4) {
                flat[flatCount++] = i;
            } else {
                tx.insert(p.isIpv6(), Keys.hiOf(p), Keys.loOf(p), p.length(), peer, false);
            }
        }
        for (int from = 0; from < flatCount; from += MAX_ENTRIES) {
            insertFlat4(tx, prefixes, peers, flat, from, Math.min(flatCount, from + MAX_ENTRIES));
        }
        return tx.size - sizeBefore;
    }

    /**
     * Step 2 and 3 for the flat IPv4 entries {@code idx[from, to)} (indexes into the lists). The
     * lists are read in list order only; the block loop reads just the block's own range.
     */
    private static void insertFlat4(Transaction tx, List<Prefix> prefixes, List<?> peers, int[] idx, int from, int to) {
        int m = to - from;
        int[] start = new int[(1 << 16) + 1];
        int[] addr = new int[m];
        for (int k = 0; k < m; k++) {
            addr[k] = (int) (Keys.hiOf(prefixes.get(idx[from + k])) >>> 32);
            start[(addr[k] >>> 16) + 1]++;
        }
        for (int b = 0; b < 1 << 16; b++) {
            start[b + 1] += start[b];
        }
        // Stable scatter by block. Within a block the key is the low 16 address bits, the length
        // (6 bits) and the position in the block's range, so sorting it keeps list order among
        // repeats of a prefix; the peer id sits at that position in peerIds.
        long[] keys = new long[m];
        int[] peerIds = new int[m];
        int[] fill = Arrays.copyOf(start, 1 << 16);
        PeerIds ids = tx.ids();
        java.util.List<Object> newPeers = new java.util.ArrayList<>();
        for (int k = 0; k < m; k++) {
            int b = addr[k] >>> 16;
            int at = fill[b]++;
            int len = prefixes.get(idx[from + k]).length();
            keys[at] = ((long) (addr[k] & 0xffff) << 6 | len) << 25 | (at - start[b]);
            Object peer = peers.get(idx[from + k]);
            if (ids.existing(peer) == 0) {
                newPeers.add(peer);
            }
            peerIds[at] = ids.idOf(peer);
        }
        IndexLog log = new IndexLog(m);
        for (int b = 0; b < 1 << 16; b++) {
            int lo = start[b];
            int hi = start[b + 1];
            if (lo == hi) {
                continue;
            }
            Arrays.sort(keys, lo, hi);
            for (int j = lo; j < hi; j++) {
                if (j + 1 < hi && keys[j + 1] >>> 25 == keys[j] >>> 25) {
                    continue; // the same prefix again later in the list: that one wins
                }
                int a = b << 16 | (int) (keys[j] >>> 31) & 0xffff;
                int len = (int) (keys[j] >>> 25) & 63;
                int id = peerIds[lo + (int) (keys[j] & ((1 << 25) - 1))];
                int prev = tx.putFlat4(a, len, id);
                if (prev != id) {
                    log.add(id, prev, PrefixSet4.pack((long) a << 32, len));
                }
            }
        }
        log.applyTo(tx);
        for (Object peer : newPeers) { // given only in repeats that a later entry overrode
            if (tx.index().count(peer) == 0) {
                ids.release(peer);
            }
        }
    }

    /** Index changes of the flat entries, applied grouped by peer id once the table is done. */
    private static final class IndexLog {
        private final int[] id;
        private final int[] prev;
        private final long[] key;
        private int n;

        IndexLog(int capacity) {
            id = new int[capacity];
            prev = new int[capacity];
            key = new long[capacity];
        }

        void add(int peerId, int previousId, long prefixKey) {
            id[n] = peerId;
            prev[n] = previousId;
            key[n++] = prefixKey;
        }

        void applyTo(Transaction tx) {
            PeerIds ids = tx.ids();
            long[] grouped = new long[n];
            int[] bounds = groupBy(id, grouped);
            for (int p = 0; p + 1 < bounds.length; p++) {
                if (bounds[p] < bounds[p + 1]) {
                    tx.index().addAll4(ids.peer(p), grouped, bounds[p], bounds[p + 1]);
                }
            }
            int added = n;
            int replaced = 0;
            for (int i = 0; i < n; i++) {
                if (prev[i] != 0) {
                    replaced++;
                }
            }
            if (replaced > 0) {
                long[] old = new long[n];
                bounds = groupBy(prev, old);
                for (int p = 1; p + 1 < bounds.length; p++) {
                    Object peer = ids.peer(p);
                    for (int i = bounds[p]; i < bounds[p + 1]; i++) {
                        tx.unindexFlat4(peer, old[i]);
                    }
                }
            }
            if (n > 0) {
                tx.accountInserted(added - replaced);
            }
        }

        /** Counting sort of {@code key} by {@code by[i]} into {@code out}; returns group bounds per value. */
        private int[] groupBy(int[] by, long[] out) {
            int max = 0;
            for (int i = 0; i < n; i++) {
                max = Math.max(max, by[i]);
            }
            int[] bounds = new int[max + 2];
            for (int i = 0; i < n; i++) {
                bounds[by[i] + 1]++;
            }
            for (int v = 0; v <= max; v++) {
                bounds[v + 1] += bounds[v];
            }
            int[] fill = Arrays.copyOf(bounds, max + 1);
            for (int i = 0; i < n; i++) {
                out[fill[by[i]]++] = key[i];
            }
            return bounds;
        }
    }
}
