package dev.keyroute.wgcore.allowedips;

import static dev.keyroute.wgcore.allowedips.Keys.bit;

import dev.keyroute.wgcore.allowedips.Node.Branch;
import dev.keyroute.wgcore.allowedips.Node.Entry;
import dev.keyroute.wgcore.allowedips.Node.Inner4;
import dev.keyroute.wgcore.allowedips.Node.Inner6;
import dev.keyroute.wgcore.allowedips.Node.Leaf4;
import dev.keyroute.wgcore.allowedips.Node.Leaf6;
import java.util.ArrayList;

/**
 * One writer transaction over the persistent trie: starts from the published roots, builds new
 * roots by path copying, and records every node it creates as {@link Node#FRESH}. A fresh node is
 * not reachable from any published root, so the transaction may change it in place; that is what
 * makes a large batch cost about one path copy per touched subtree instead of one per change.
 * {@link #finish()} clears the flags; the caller then publishes the roots. Used under the writer
 * lock only, and reused between transactions.
 */
final class Transaction {
    private static final int MAX_DEPTH = Keys.V6_BITS + 2;
    private static final int FRESH_LIST_KEEP = 4096;

    private final PeerIndex index;
    private final Node[] path = new Node[MAX_DEPTH];
    private final int[] dirs = new int[MAX_DEPTH];
    private ArrayList<Node> fresh = new ArrayList<>();

    Node v4;
    Node v6;
    int size;
    boolean changed;

    Transaction(PeerIndex index) {
        this.index = index;
    }

    void begin(Node v4, Node v6, int size) {
        this.v4 = v4;
        this.v6 = v6;
        this.size = size;
        this.changed = false;
    }

    /** Marks every node created by this transaction as immutable (call before publishing). */
    void finish() {
        for (int i = 0, n = fresh.size(); i < n; i++) {
            fresh.get(i).meta &= ~Node.FRESH;
        }
        if (fresh.size() > FRESH_LIST_KEEP) {
            fresh = new ArrayList<>();
        } else {
            fresh.clear();
        }
    }

    /** Maps the exact prefix to {@code peer}; returns the previous peer or null. */
    Object insert(boolean ipv6, long hi, long lo, int len, Object peer) {
        Node root = ipv6 ? v6 : v4;
        if (root == null) {
            setRoot(ipv6, linked(entry(ipv6, hi, lo, len, peer, null, null)));
            size++;
            changed = true;
            return null;
        }
        // Descend along the key, recording the path, to a node whose subtree shares the longest
        // possible prefix with the key; any entry below it tells where the key diverges.
        int depth = 0;
        Node n = root;
        while (n.len() < len) {
            int b = bit(hi, lo, n.len());
            Node c = n.child(b);
            if (c == null) {
                break;
            }
            path[depth] = n;
            dirs[depth++] = b;
            n = c;
        }
        path[depth] = n;
        Node r = n;
        while (r instanceof Branch b) {
            r = b.left;
        }
        Entry rep = (Entry) r;
        int cut = Keys.commonPrefix(hi, lo, rep.hi(), rep.lo(), Math.min(len, rep.len()));

        // The walk a second descent would make (while len < cut) is a prefix of the recorded
        // path; cut the path at the first node at or below the divergence point.
        int stop = depth;
        depth = 0;
        while (depth <= stop && path[depth].len() < cut) {
            depth++;
        }
        if (depth <= stop) {
            n = path[depth];
        } else { // the descent ended at an entry with no child on the key's side
            n = null;
            depth = stop;
            dirs[depth] = bit(hi, lo, path[depth].len());
            depth++;
        }
        Node replacement;
        if (n == null) {
            replacement = linked(entry(ipv6, hi, lo, len, peer, null, null));
        } else if (n.len() == cut && cut == len) {
            if (n instanceof Entry e) {
                Object previous = e.peer;
                if (previous != peer) {
                    changed = true;
                    Entry updated = withPeer(e, peer);
                    if (updated != e) {
                        relink(ipv6, depth, updated);
                    }
                }
                return previous;
            }
            Branch b = (Branch) n;
            replacement = linked(entry(ipv6, hi, lo, len, peer, b.left, b.right));
        } else if (n.len() == cut) {
            int b = bit(hi, lo, cut);
            if (n.child(b) != null) {
                throw new AssertionError("trie invariant broken at bit " + cut);
            }
            path[depth] = n;
            dirs[depth++] = b;
            replacement = linked(entry(ipv6, hi, lo, len, peer, null, null));
        } else {
            int nodeSide = bit(rep.hi(), rep.lo(), cut);
            if (cut == len) {
                replacement = linked(entry(ipv6, hi, lo, len, peer,
                        nodeSide == 0 ? n : null, nodeSide == 0 ? null : n));
            } else {
                Node leaf = linked(entry(ipv6, hi, lo, len, peer, null, null));
                replacement = branch(cut, nodeSide == 0 ? n : leaf, nodeSide == 0 ? leaf : n);
            }
        }
        size++;
        changed = true;
        relink(ipv6, depth, replacement);
        return null;
    }

    /**
     * Removes the exact prefix if present and (when {@code expected} is not null) mapped to
     * {@code expected}; returns the removed peer or null.
     */
    Object remove(boolean ipv6, long hi, long lo, int len, Object expected) {
        Node n = ipv6 ? v6 : v4;
        int depth = 0;
        while (n != null && n.len() < len) {
            int b = bit(hi, lo, n.len());
            path[depth] = n;
            dirs[depth++] = b;
            n = n.child(b);
        }
        if (!(n instanceof Entry e) || e.len() != len || e.hi() != hi || e.lo() != lo
                || (expected != null && e.peer != expected)) {
            return null;
        }
        index.unlink(e);
        Node left = e.child(0);
        Node right = e.child(1);
        Node replacement;
        if (left != null && right != null) {
            replacement = branch(len, left, right);
        } else if (left != null || right != null) {
            replacement = left != null ? left : right;
        } else if (depth > 0 && path[depth - 1] instanceof Branch parent) {
            depth--;
            replacement = parent.child(1 - dirs[depth]);
        } else {
            replacement = null;
        }
        size--;
        changed = true;
        relink(ipv6, depth, replacement);
        return e.peer;
    }

    /** Removes every entry of the peer, walking only that peer's list. */
    int removeByPeer(Object peer) {
        int removed = 0;
        for (Entry e = index.head(peer); e != null; e = index.head(peer)) {
            if (remove(e.ipv6(), e.hi(), e.lo(), e.len(), peer) == null) {
                throw new AssertionError("peer index out of sync with trie");
            }
            removed++;
        }
        return removed;
    }

    /** The entry with exactly this prefix under {@code root}, or null. Reader-safe. */
    static Entry exact(Node root, long hi, long lo, int len) {
        Node n = root;
        while (n != null && n.len() < len) {
            n = n.child(bit(hi, lo, n.len()));
        }
        return n instanceof Entry e && e.len() == len && e.hi() == hi && e.lo() == lo ? e : null;
    }

    void clear() {
        if (size > 0) {
            changed = true;
        }
        v4 = null;
        v6 = null;
        size = 0;
        index.clear();
    }

    /** Replaces {@code path[depth-1]}'s child by {@code node}, copying ancestors not yet fresh. */
    private void relink(boolean ipv6, int depth, Node node) {
        Node child = node;
        for (int i = depth - 1; i >= 0; i--) {
            Node parent = path[i];
            Node updated = withChild(parent, dirs[i], child);
            if (updated == parent) {
                return;
            }
            child = updated;
        }
        setRoot(ipv6, child);
    }

    private void setRoot(boolean ipv6, Node root) {
        if (ipv6) {
            v6 = root;
        } else {
            v4 = root;
        }
    }

    private Node withChild(Node parent, int dir, Node child) {
        if (parent instanceof Branch b) {
            if (b.fresh()) {
                if (dir == 0) {
                    b.left = child;
                } else {
                    b.right = child;
                }
                return b;
            }
            return branch(b.len(), dir == 0 ? child : b.left, dir == 0 ? b.right : child);
        }
        Entry e = (Entry) parent;
        Node left = dir == 0 ? child : e.child(0);
        Node right = dir == 0 ? e.child(1) : child;
        if (e.fresh() && (left != null || right != null)) {
            if (e instanceof Inner4 i) {
                i.left = left;
                i.right = right;
                return i;
            }
            if (e instanceof Inner6 i) {
                i.left = left;
                i.right = right;
                return i;
            }
        }
        Entry copy = entry(e.ipv6(), e.hi(), e.lo(), e.len(), e.peer, left, right);
        index.replace(e, copy);
        return copy;
    }

    private Entry withPeer(Entry e, Object peer) {
        index.unlink(e);
        if (e.fresh()) {
            e.peer = peer;
            index.link(e);
            return e;
        }
        return linked(entry(e.ipv6(), e.hi(), e.lo(), e.len(), peer, e.child(0), e.child(1)));
    }

    private Entry linked(Entry e) {
        index.link(e);
        return e;
    }

    private Branch branch(int len, Node left, Node right) {
        Branch b = new Branch(len | Node.FRESH, left, right);
        fresh.add(b);
        return b;
    }

    private Entry entry(boolean ipv6, long hi, long lo, int len, Object peer, Node left, Node right) {
        int meta = len | Node.FRESH;
        boolean leaf = left == null && right == null;
        Entry e;
        if (ipv6) {
            e = leaf ? new Leaf6(meta, peer, hi, lo) : new Inner6(meta, peer, hi, lo, left, right);
        } else {
            int key = (int) (hi >>> 32);
            e = leaf ? new Leaf4(meta, peer, key) : new Inner4(meta, peer, key, left, right);
        }
        fresh.add(e);
        return e;
    }
}
