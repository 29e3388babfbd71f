package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * Mutable originals of one IPv4 /16 block during a batch: the prefixes /17../24 of its node and,
 * per third byte, the prefixes /25../32 of its kids, each as sorted packed originals
 * ({@code code << 22 | id}, at most 510 per node; one array per node keeps a batch's random
 * accesses to two objects per change). Loaded from the published block on first touch;
 * {@link Writer4} builds the block's nodes from it once at the end of the batch.
 */
final class Block4Draft {
    int[] e;
    int n;
    /** Per third byte: packed kid originals, or null. */
    int[][] kidE;
    int[] kidN;

    Block4Draft(int[] node, int[][] kids) {
        e = new int[node == null ? 4 : IntNode.originals(node) + 4];
        if (node != null) {
            n = IntNode.extract(node, e);
        }
        if (kids != null) {
            for (int s = 0; s < 256; s++) {
                int[] k = kids[s];
                if (k != null) {
                    ensureKids();
                    kidE[s] = new int[IntNode.originals(k) + 4];
                    kidN[s] = IntNode.extract(k, kidE[s]);
                }
            }
        }
    }

    private void ensureKids() {
        if (kidE == null) {
            kidE = new int[256][];
            kidN = new int[256];
        }
    }

    /** Id of the original ({@code kid} = third byte, or -1 for the block's node), or 0. */
    int get(int kid, int code) {
        if (kid < 0) {
            return IntNode.findPacked(e, 0, n, code);
        }
        if (kidE == null || kidE[kid] == null) {
            return 0;
        }
        return IntNode.findPacked(kidE[kid], 0, kidN[kid], code);
    }

    /** {@link #set} that returns the id the original had (0: none). */
    int put(int kid, int code, int id) {
        int previous = get(kid, code);
        if (previous != id) {
            set(kid, code, id);
        }
        return previous;
    }

    /** Sets ({@code id > 0}) or removes ({@code id == 0}) an original. */
    void set(int kid, int code, int id) {
        if (kid < 0) {
            if (n == e.length) {
                e = Arrays.copyOf(e, n * 2);
            }
            n = IntNode.edit(e, 0, n, code, id);
            return;
        }
        ensureKids();
        if (kidE[kid] == null) {
            if (id == 0) {
                return;
            }
            kidE[kid] = new int[4];
        }
        int m = kidN[kid];
        if (m == kidE[kid].length) {
            kidE[kid] = Arrays.copyOf(kidE[kid], m * 2);
        }
        kidN[kid] = IntNode.edit(kidE[kid], 0, m, code, id);
    }

    /** Removes every original of peer {@code id}; returns how many. */
    int removeId(int id) {
        int removed = n;
        n = IntNode.removeId(e, n, id);
        removed -= n;
        if (kidE != null) {
            for (int s = 0; s < 256; s++) {
                if (kidE[s] != null) {
                    int m = kidN[s];
                    kidN[s] = IntNode.removeId(kidE[s], m, id);
                    removed += m - kidN[s];
                }
            }
        }
        return removed;
    }
}
