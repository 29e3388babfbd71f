package dev.keyroute.wgcore.allowedips;

/**
 * The flat IPv4 table: the address space as 65,536 /16 blocks, reached through two small arrays
 * per field (first byte, then second byte) that stay in cache, so a lookup reads one
 * {@link IntNode} from memory.
 *
 * <ul>
 *   <li>{@link #covers}: per /16, the peer id of the longest prefix of length 16 or less covering
 *       it (0: none). Those short prefixes live in the chunk trie; this is their leaf-pushed view.
 *   <li>{@link #nodes}: per /16, the node for the third byte, holding prefixes /17../24, or null.
 *   <li>{@link #kids}: per /16, null or 256 nodes for the fourth byte (prefixes /25../32) indexed
 *       by the third byte; a node slot marked {@link IntNode#CHILD} sends the lookup there.
 * </ul>
 *
 * Each field is an array of 256 per-/8 arrays (null = empty /8). Immutable once published
 * (readers reach it only through a snapshot published by a volatile write); {@link Writer4}
 * copies the per-/8 arrays and the top arrays on first change in a transaction.
 */
record Table4(int[][] covers, int[][][] nodes, int[][][][] kids) {
    static Table4 empty() {
        return new Table4(new int[256][], new int[256][][], new int[256][][][]);
    }

    /** Longest-match peer id of an IPv4 address, or 0. Reader hot path. */
    static int lookup(int[][] covers, int[][][] nodes, int[][][][] kids, int address) {
        int o = address >>> 24;
        int b = (address >>> 16) & 0xff;
        int[][] ns = nodes[o];
        if (ns != null) {
            int[] n = ns[b];
            if (n != null) {
                int s = (address >>> 8) & 0xff;
                int v = IntNode.get(n, s);
                if (v == IntNode.CHILD) {
                    v = IntNode.get(kids[o][b][s], address & 0xff);
                }
                if (v != 0) {
                    return v;
                }
            }
        }
        int[] cs = covers[o];
        return cs == null ? 0 : cs[b];
    }

    /** Exact-match peer id of {@code addr/len} (17..32), or 0. */
    int find(int addr, int len) {
        int o = addr >>> 24;
        int b = (addr >>> 16) & 0xff;
        if (len <= 24) {
            int[] node = node(o, b);
            return node == null ? 0 : IntNode.find(node, IntNode.codeOf(addr >>> 8, len - 16));
        }
        int[][] kt = kidTable(o, b);
        int[] kid = kt == null ? null : kt[(addr >>> 8) & 0xff];
        return kid == null ? 0 : IntNode.find(kid, IntNode.codeOf(addr, len - 24));
    }

    int[] node(int o, int b) {
        int[][] ns = nodes[o];
        return ns == null ? null : ns[b];
    }

    int[][] kidTable(int o, int b) {
        int[][][] ks = kids[o];
        return ks == null ? null : ks[b];
    }
}
