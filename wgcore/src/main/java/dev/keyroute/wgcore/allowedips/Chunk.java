package dev.keyroute.wgcore.allowedips;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Immutable node of the multibit chunk trie that holds the short prefixes (IPv4 /0../16, IPv6
 * /0../32; longer ones live in {@link Table4} and {@link Table6}): one 8-bit stride, i.e. 256
 * slots indexed by one byte of the address. Level {@code L} (0 = root) is indexed by address byte {@code L}; IPv4 has levels
 * 0..3, IPv6 0..15.
 *
 * <h2>Slots (read by lookups)</h2>
 * Every slot resolves to one of: {@code null} (no prefix covers it), a peer (the longest prefix
 * covering the slot, with leaf pushing: values of shorter prefixes, also those of ancestors, are
 * copied down), or a child {@code Chunk} for the next byte. Slots are run-length compressed:
 * bit {@code s} of the 256-bit bitmap {@code b0..b3} (slot {@code s} = bit {@code s & 63} of word
 * {@code s >>> 6}) is set where a run starts, and {@link #runs} holds one element per run, so a
 * slot's element is {@code runs[rank(s) - 1]}. A child always forms a run of its own. Runs need
 * not be maximal: neighbours may hold the same value (see {@link Freezer}, vanished children). A chunk
 * with many runs is stored dense ({@code runs.length == 256}, all bits set, {@code runs[s]}).
 *
 * <h2>Originals (exact prefixes homed here)</h2>
 * A prefix of length {@code len} is homed at level {@code L = (len - 1) / 8} ({@code /0} at the
 * root) with {@code l = len - 8L} (1..8, or 0) significant bits of byte {@code L}; its code is
 * {@code (1 << l) | those bits}, so sorting codes sorts by length first. {@link #codes} (ascending)
 * and {@link #peers} list the originals; {@link #inherited} is the value pushed down from the
 * parent slot. The slots are a pure function of (originals, inherited, children), which is how a
 * removal restores the covering shorter prefix: the writer repaints the chunk from its originals.
 *
 * <p>Size with compressed oops: 64 bytes plus the arrays.
 *
 * <p>Immutable but for one thing: a single change outside a batch ({@link PathCopy}) replaces a
 * child in its parent's run element in place, with a release store that {@link #get} reads with
 * acquire.
 */
final class Chunk {
    static final char[] NO_CODES = new char[0];
    static final Object[] NO_PEERS = new Object[0];
    static final int SLOTS = 256;
    /** Chunks with more runs than this are stored dense (256 elements, direct index). */
    static final int DENSE_RUNS = 64;
    /** Element of {@link #runs}. */
    static final VarHandle RUN = MethodHandles.arrayElementVarHandle(Object[].class);

    final long b0;
    final long b1;
    final long b2;
    final long b3;
    /** Run counts before words 1, 2, 3 (9 bits each). */
    final int cum;
    final Object[] runs;
    final char[] codes;
    final Object[] peers;
    final Object inherited;

    Chunk(long b0, long b1, long b2, long b3, Object[] runs, char[] codes, Object[] peers, Object inherited) {
        this.b0 = b0;
        this.b1 = b1;
        this.b2 = b2;
        this.b3 = b3;
        int c1 = Long.bitCount(b0);
        int c2 = c1 + Long.bitCount(b1);
        int c3 = c2 + Long.bitCount(b2);
        this.cum = c1 | c2 << 9 | c3 << 18;
        this.runs = runs;
        this.codes = codes;
        this.peers = peers;
        this.inherited = inherited;
    }

    /** Same bitmap and originals, other run elements (child replaced). */
    Chunk withRuns(Object[] newRuns) {
        return new Chunk(b0, b1, b2, b3, newRuns, codes, peers, inherited);
    }

    /** The element of slot {@code s}: null, a peer or a child chunk. Reader hot path. */
    Object get(int s) {
        Object[] r = runs;
        return RUN.getAcquire(r, r.length == SLOTS ? s : index(s));
    }

    /** Index into {@link #runs} of slot {@code s}. */
    int index(int s) {
        long m = -1L >>> (63 - (s & 63));
        int c = cum;
        return switch (s >>> 6) {
            case 0 -> Long.bitCount(b0 & m);
            case 1 -> (c & 511) + Long.bitCount(b1 & m);
            case 2 -> ((c >>> 9) & 511) + Long.bitCount(b2 & m);
            default -> (c >>> 18) + Long.bitCount(b3 & m);
        } - 1;
    }

    /** Whether a run starts at slot {@code s}. */
    boolean runStarts(int s) {
        long w = switch (s >>> 6) {
            case 0 -> b0;
            case 1 -> b1;
            case 2 -> b2;
            default -> b3;
        };
        return (w >>> (s & 63) & 1) != 0;
    }

    /** Whether run elements {@code runs} hold a child chunk anywhere but at index {@code except} (-1: none excepted). */
    static boolean hasChild(Object[] runs, int except) {
        for (int i = 0; i < runs.length; i++) {
            if (i != except && runs[i] instanceof Chunk) {
                return true;
            }
        }
        return false;
    }

    /** Child at slot {@code s} or null. */
    Chunk child(int s) {
        return get(s) instanceof Chunk c ? c : null;
    }

    /** Peer of the original with this code, or null. */
    Object peerOf(int code) {
        int i = find(codes, codes.length, code);
        return i >= 0 ? peers[i] : null;
    }

    /** Binary search of {@code code} in {@code codes[0, n)}; like {@link java.util.Arrays#binarySearch}. */
    static int find(char[] codes, int n, int code) {
        int lo = 0;
        int hi = n - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = codes[mid];
            if (c < code) {
                lo = mid + 1;
            } else if (c > code) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

}
