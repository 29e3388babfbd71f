package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * Visits the exact prefixes (originals) under a root chunk in address order, shorter first for
 * the same address: within a chunk, slot by slot, the originals starting at the slot (by length)
 * and then the child of the slot, whose prefixes are all longer.
 */
final class TrieWalk {
    /** Receives one prefix and its peer. */
    interface Visitor {
        void accept(boolean ipv6, long hi, long lo, int len, Object peer);
    }

    private TrieWalk() {
    }

    static void walk(Chunk root, boolean ipv6, Visitor action) {
        if (root != null) {
            walk(root, 0, 0, 0, ipv6, action);
        }
    }

    private static void walk(Chunk c, int level, long hi, long lo, boolean ipv6, Visitor action) {
        int n = c.codes.length;
        int[] order = new int[n]; // start slot << 13 | l << 9 | index: sorts by (start, length)
        for (int i = 0; i < n; i++) {
            int code = c.codes[i];
            order[i] = Keys.startOf(code) << 13 | Keys.bitsOf(code) << 9 | i;
        }
        Arrays.sort(order);
        int next = 0;
        for (int s = 0, idx = -1; s < Chunk.SLOTS; s++) {
            if (c.runStarts(s)) {
                idx++;
            }
            long h = level < 8 ? hi | (long) s << (56 - 8 * level) : hi;
            long l = level < 8 ? lo : lo | (long) s << (120 - 8 * level);
            while (next < n && order[next] >>> 13 == s) {
                int i = order[next++] & 511;
                action.accept(ipv6, h, l, 8 * level + Keys.bitsOf(c.codes[i]), c.peers[i]);
            }
            if (c.runs[idx] instanceof Chunk child) {
                walk(child, level + 1, h, l, ipv6, action);
            }
        }
    }
}
