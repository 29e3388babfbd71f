package dev.keyroute.wgcore.allowedips;

import java.util.Arrays;

/**
 * Writer-only, mutable stand-in for a {@link Chunk} during one transaction. It starts as "the
 * base chunk, unchanged" (or empty when {@code base} is null) and records only what the
 * transaction changes: its originals (copied from the base on first change) and the children it
 * descended into ({@link #kids}, flagged in the touched bitmap). Untouched children stay the
 * base's immutable chunks. {@link Freezer} turns drafts back into chunks at commit. Never
 * reachable from a published snapshot.
 */
final class Draft {
    final Chunk base;
    char[] codes;
    Object[] peers;
    int n;
    boolean ownsOrigins;
    boolean originsChanged;
    Draft[] kids;
    long t0;
    long t1;
    long t2;
    long t3;

    /** Memo of the last freeze (a draft may be frozen twice when a parent falls back to a rebuild). */
    boolean frozen;
    Object frozenInherited;
    Chunk frozenResult;

    Draft(Chunk base) {
        this.base = base;
        if (base != null) {
            codes = base.codes;
            peers = base.peers;
            n = codes.length;
        } else {
            codes = Chunk.NO_CODES;
            peers = Chunk.NO_PEERS;
        }
    }

    Object peerOf(int code) {
        int i = Chunk.find(codes, n, code);
        return i >= 0 ? peers[i] : null;
    }

    /** Maps the code to {@code peer}; returns the previous peer or null. */
    Object put(int code, Object peer) {
        int i = Chunk.find(codes, n, code);
        if (i >= 0 && peers[i] == peer) {
            return peer;
        }
        own(i >= 0 ? n : n + 1);
        originsChanged = true;
        if (i >= 0) {
            Object previous = peers[i];
            peers[i] = peer;
            return previous;
        }
        int at = -(i + 1);
        System.arraycopy(codes, at, codes, at + 1, n - at);
        System.arraycopy(peers, at, peers, at + 1, n - at);
        codes[at] = (char) code;
        peers[at] = peer;
        n++;
        return null;
    }

    /** Removes the code; returns its peer or null. */
    Object remove(int code) {
        int i = Chunk.find(codes, n, code);
        if (i < 0) {
            return null;
        }
        Object previous = peers[i];
        own(n);
        originsChanged = true;
        System.arraycopy(codes, i + 1, codes, i, n - i - 1);
        System.arraycopy(peers, i + 1, peers, i, n - i - 1);
        n--;
        peers[n] = null;
        return previous;
    }

    /** Makes the origin arrays private to this draft with room for {@code need} entries. */
    private void own(int need) {
        if (!ownsOrigins || need > codes.length) {
            int cap = Math.max(4, Math.max(need, ownsOrigins ? codes.length * 2 : n + (n >>> 1)));
            codes = Arrays.copyOf(codes, cap);
            peers = Arrays.copyOf(peers, cap);
            ownsOrigins = true;
        }
    }

    boolean touched(int s) {
        long w = switch (s >>> 6) {
            case 0 -> t0;
            case 1 -> t1;
            case 2 -> t2;
            default -> t3;
        };
        return (w >>> (s & 63) & 1) != 0;
    }

    /** Child at slot {@code s} as the transaction sees it: a draft, a chunk or null. */
    Object childView(int s) {
        if (touched(s)) {
            return kids[s];
        }
        return base == null ? null : base.child(s);
    }

    /** The draft of the child at slot {@code s}, created (from the base's child, if any) on first use. */
    Draft thawKid(int s) {
        if (touched(s)) {
            return kids[s];
        }
        if (kids == null) {
            kids = new Draft[Chunk.SLOTS];
        }
        Draft k = new Draft(base == null ? null : base.child(s));
        kids[s] = k;
        long bit = 1L << (s & 63);
        switch (s >>> 6) {
            case 0 -> t0 |= bit;
            case 1 -> t1 |= bit;
            case 2 -> t2 |= bit;
            default -> t3 |= bit;
        }
        return k;
    }

    /** Touched bitmap word {@code w}. */
    long touchedWord(int w) {
        return switch (w) {
            case 0 -> t0;
            case 1 -> t1;
            case 2 -> t2;
            default -> t3;
        };
    }
}
