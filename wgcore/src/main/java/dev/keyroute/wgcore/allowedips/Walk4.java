package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/** Walks the prefixes /17../32 of a {@link Table4} in address order (for iteration and rollback). */
final class Walk4 {
    private Walk4() {
    }

    /** Receives one IPv4 prefix (network address as an int) and its peer id. */
    interface Visitor {
        void accept(int addr, int len, int id);
    }

    /** Visits the prefixes /17../32 of a table in address order, shorter first. */
    static void walk(Table4 t, Visitor v) {
        for (int o = 0; o < 256; o++) {
            for (int b = 0; b < 256; b++) {
                int[] node = t.node(o, b);
                int[][] kt = t.kidTable(o, b);
                if (node != null || kt != null) { // a block may have kids (/25../32) and no node
                    walkNode(node, o << 24 | b << 16, 16, 8, kt, v);
                }
            }
        }
    }

    private static void walkNode(int[] node, int base, int baseLen, int shift, int[][] kt, Visitor v) {
        int n = node == null ? 0 : IntNode.originals(node);
        int[] order = new int[n]; // start slot << 13 | l << 9 | index: sorts by (start, length)
        for (int i = 0; i < n; i++) {
            int code = IntNode.code(node, i);
            order[i] = Keys.startOf(code) << 13 | Keys.bitsOf(code) << 9 | i;
        }
        Arrays.sort(order);
        int next = 0;
        for (int s = 0; s < 256; s++) {
            while (next < n && order[next] >>> 13 == s) {
                int i = order[next++] & 511;
                v.accept(base | s << shift, baseLen + Keys.bitsOf(IntNode.code(node, i)), IntNode.id(node, i));
            }
            if (kt != null && kt[s] != null) {
                walkNode(kt[s], base | s << 8, 24, 0, null, v);
            }
        }
    }
}
