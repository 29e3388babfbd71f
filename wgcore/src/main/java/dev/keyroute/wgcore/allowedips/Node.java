package dev.keyroute.wgcore.allowedips;

/**
 * Trie nodes. Keys of both families are handled by the writer as a 128-bit value {@code (hi, lo)}
 * with the most significant bit first; an IPv4 key occupies the top 32 bits of {@code hi}.
 *
 * <p>Every node has a bit position {@code len} (low 8 bits of {@link #meta}): a {@link Branch}
 * has no key and only says "all keys below share their first {@code len} bits, and bit
 * {@code len} chooses the child"; an {@link Entry} is a prefix of length {@code len} with a peer,
 * and its children (inner kinds only) are chosen by bit {@code len} as well. Along any path
 * {@code len} strictly increases.
 *
 * <p>Reader-visible fields ({@code meta} length bits, keys, {@code peer}, children) of a node are
 * written only while the node is {@link #FRESH} (created by the current writer transaction and
 * not yet published); the flag is cleared before the new root is published with a volatile
 * write. The per-peer list links ({@code prev}, {@code next}) are writer-only and are never read
 * by lookups.
 *
 * <p>Sizes with compressed oops and 12-byte headers: Branch 24, Leaf4 32, Inner4 40, Leaf6 48,
 * Inner6 56 bytes.
 */
abstract sealed class Node permits Node.Branch, Node.Entry {
    static final int LEN_MASK = 0xff;
    static final int FRESH = 0x100;

    int meta;

    Node(int meta) {
        this.meta = meta;
    }

    final int len() {
        return meta & LEN_MASK;
    }

    final boolean fresh() {
        return (meta & FRESH) != 0;
    }

    /** Child chosen by bit {@code len}: 0 left, 1 right; null when absent or for leaves. */
    abstract Node child(int bit);

    /** Keyless branch point with exactly two children. */
    static final class Branch extends Node {
        Node left;
        Node right;

        Branch(int meta, Node left, Node right) {
            super(meta);
            this.left = left;
            this.right = right;
        }

        @Override
        Node child(int bit) {
            return bit == 0 ? left : right;
        }
    }

    /** A prefix mapped to a peer, linked into that peer's list (writer-only links). */
    abstract static sealed class Entry extends Node permits Leaf4, Inner4, Leaf6, Inner6 {
        Object peer;
        Entry prev;
        Entry next;

        Entry(int meta, Object peer) {
            super(meta);
            this.peer = peer;
        }

        abstract long hi();

        abstract long lo();

        abstract boolean ipv6();

        @Override
        Node child(int bit) {
            return null;
        }
    }

    static final class Leaf4 extends Entry {
        int key;

        Leaf4(int meta, Object peer, int key) {
            super(meta, peer);
            this.key = key;
        }

        @Override long hi() { return ((long) key) << 32; }
        @Override long lo() { return 0; }
        @Override boolean ipv6() { return false; }
    }

    static final class Inner4 extends Entry {
        int key;
        Node left;
        Node right;

        Inner4(int meta, Object peer, int key, Node left, Node right) {
            super(meta, peer);
            this.key = key;
            this.left = left;
            this.right = right;
        }

        @Override long hi() { return ((long) key) << 32; }
        @Override long lo() { return 0; }
        @Override boolean ipv6() { return false; }

        @Override
        Node child(int bit) {
            return bit == 0 ? left : right;
        }
    }

    static final class Leaf6 extends Entry {
        long hi;
        long lo;

        Leaf6(int meta, Object peer, long hi, long lo) {
            super(meta, peer);
            this.hi = hi;
            this.lo = lo;
        }

        @Override long hi() { return hi; }
        @Override long lo() { return lo; }
        @Override boolean ipv6() { return true; }
    }

    static final class Inner6 extends Entry {
        long hi;
        long lo;
        Node left;
        Node right;

        Inner6(int meta, Object peer, long hi, long lo, Node left, Node right) {
            super(meta, peer);
            this.hi = hi;
            this.lo = lo;
            this.left = left;
            this.right = right;
        }

        @Override long hi() { return hi; }
        @Override long lo() { return lo; }
        @Override boolean ipv6() { return true; }

        @Override
        Node child(int bit) {
            return bit == 0 ? left : right;
        }
    }
}
