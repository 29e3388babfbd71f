package dev.keyroute.wgcore.allowedips;

/**
 * The IPv4 space of one /8 as 256 /16 blocks. The published IPv4 table is {@code Inner4[256]}
 * indexed by the first address byte, so a lookup reaches the /16 block through two small arrays
 * that stay in cache (a full table has at most 256 of these) and then reads one {@link IntNode}.
 *
 * <ul>
 *   <li>{@link #covers}: per /16, the peer id of the longest prefix of length 16 or less covering
 *       it (0: none). Those short prefixes live in the chunk trie; this is their leaf-pushed view.
 *   <li>{@link #nodes}: per /16, the node for the third byte, holding prefixes /17../24, or null.
 *   <li>{@link #kids}: per /16, null or 256 nodes for the fourth byte (prefixes /25../32) indexed
 *       by the third byte; a node slot marked {@link IntNode#CHILD} sends the lookup there.
 * </ul>
 *
 * Immutable once published (readers reach it only through a snapshot published by a volatile
 * write). A transaction makes a shallow copy on its first change to an inner ({@link #owner} =
 * its serial) and clones each of the three arrays only when it first changes it ({@link #owned}
 * bits), so a single /24 insert copies one 1 KB array here and the 1 KB top array.
 */
final class Inner4 {
    static final int COVERS = 1;
    static final int NODES = 2;
    static final int KIDS = 4;

    int[] covers;
    int[][] nodes;
    int[][][] kids;
    final long owner;
    /** Which arrays this owner already copied (bits {@link #COVERS}, {@link #NODES}, {@link #KIDS}). */
    int owned;

    private Inner4(int[] covers, int[][] nodes, int[][][] kids, long owner, int owned) {
        this.covers = covers;
        this.nodes = nodes;
        this.kids = kids;
        this.owner = owner;
        this.owned = owned;
    }

    static Inner4 empty(long owner) {
        return new Inner4(new int[256], new int[256][], new int[256][][], owner, COVERS | NODES | KIDS);
    }

    /** A shallow copy for transaction {@code owner}; arrays are cloned on first change. */
    Inner4 copy(long owner) {
        return new Inner4(covers, nodes, kids, owner, 0);
    }

    int[] writableCovers() {
        if ((owned & COVERS) == 0) {
            covers = covers.clone();
            owned |= COVERS;
        }
        return covers;
    }

    int[][] writableNodes() {
        if ((owned & NODES) == 0) {
            nodes = nodes.clone();
            owned |= NODES;
        }
        return nodes;
    }

    int[][][] writableKids() {
        if ((owned & KIDS) == 0) {
            kids = kids.clone();
            owned |= KIDS;
        }
        return kids;
    }

    boolean isEmpty() {
        for (int b = 0; b < 256; b++) {
            if (covers[b] != 0 || nodes[b] != null) {
                return false;
            }
        }
        return true;
    }

    /** Longest-match peer id of an IPv4 address in {@code top}, or 0. Reader hot path. */
    static int lookup(Inner4[] top, int address) {
        Inner4 in = top[address >>> 24];
        if (in == null) {
            return 0;
        }
        int b = (address >>> 16) & 0xff;
        int[] n = in.nodes[b];
        if (n != null) {
            int s = (address >>> 8) & 0xff;
            int v = IntNode.get(n, s);
            if (v == IntNode.CHILD) {
                v = IntNode.get(in.kids[b][s], address & 0xff);
            }
            if (v != 0) {
                return v;
            }
        }
        return in.covers[b];
    }
}
