package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * Mutable originals of one IPv4 /16 block during a batch: the prefixes /17../24 of its node and,
 * per third byte, the prefixes /25../32 of its kids, each as sorted (code, id) arrays (at most
 * 510 codes per node). Loaded from the published block on first touch; {@link Writer4} builds
 * the block's nodes from it once at the end of the batch.
 */
final class Block4Draft {
    int[] codes;
    int[] ids;
    int n;
    /** Per third byte: kid originals, or null. */
    int[][] kidCodes;
    int[][] kidIds;
    int[] kidN;

    Block4Draft(int[] node, int[][] kids) {
        int cap = node == null ? 4 : Math.max(4, IntNode.originals(node) + 1);
        codes = new int[cap];
        ids = new int[cap];
        if (node != null) {
            n = IntNode.extract(node, codes, ids);
        }
        if (kids != null) {
            for (int s = 0; s < 256; s++) {
                int[] k = kids[s];
                if (k != null) {
                    ensureKids();
                    int m = IntNode.originals(k);
                    kidCodes[s] = new int[m + 1];
                    kidIds[s] = new int[m + 1];
                    kidN[s] = IntNode.extract(k, kidCodes[s], kidIds[s]);
                }
            }
        }
    }

    private void ensureKids() {
        if (kidCodes == null) {
            kidCodes = new int[256][];
            kidIds = new int[256][];
            kidN = new int[256];
        }
    }

    /** Id of the original ({@code kid} = third byte, or -1 for the block's node), or 0. */
    int get(int kid, int code) {
        if (kid < 0) {
            int i = Arrays.binarySearch(codes, 0, n, code);
            return i >= 0 ? ids[i] : 0;
        }
        if (kidCodes == null || kidCodes[kid] == null) {
            return 0;
        }
        int i = Arrays.binarySearch(kidCodes[kid], 0, kidN[kid], code);
        return i >= 0 ? kidIds[kid][i] : 0;
    }

    /** Sets ({@code id > 0}) or removes ({@code id == 0}) an original. */
    void set(int kid, int code, int id) {
        if (kid < 0) {
            if (n == codes.length) {
                codes = Arrays.copyOf(codes, n * 2);
                ids = Arrays.copyOf(ids, n * 2);
            }
            n = IntNode.edit(codes, ids, n, code, id);
            return;
        }
        ensureKids();
        if (kidCodes[kid] == null) {
            if (id == 0) {
                return;
            }
            kidCodes[kid] = new int[4];
            kidIds[kid] = new int[4];
        }
        int m = kidN[kid];
        if (m == kidCodes[kid].length) {
            kidCodes[kid] = Arrays.copyOf(kidCodes[kid], m * 2);
            kidIds[kid] = Arrays.copyOf(kidIds[kid], m * 2);
        }
        kidN[kid] = IntNode.edit(kidCodes[kid], kidIds[kid], m, code, id);
    }
}
