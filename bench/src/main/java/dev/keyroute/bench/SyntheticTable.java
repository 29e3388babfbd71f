package dev.keyroute.bench;

import dev.keyroute.config.Prefix;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded synthetic routing table shaped like the IPv4/IPv6 Internet (DFZ) table, for benchmarks
 * that need "Internet scale" without shipping a real RIB dump. Same seed and sizes give the same
 * table, in the same order, on every JVM.
 *
 * <h2>Distribution</h2>
 * <b>IPv4</b> prefix lengths (per mille): /24 600, /23 100, /22 120, /21 50, /20 50, /19 30,
 * /18 17, /17 10, /16 13, /8../15 10 (uniform). Prefixes of /16 and longer fall into one of
 * {@value #ACTIVE_V4_SLASH16} "active" /16 blocks (first octet 1..223 without 10 and 127), chosen
 * uniformly, so about 20 prefixes share a /16 as in the real table; shorter ones are anywhere in
 * that unicast range. <b>IPv6</b> lengths (per mille): /48 550, /44 80, /40 80, /36 40, /32 180,
 * /29 20, other /33../47 50; all inside one of {@value #ACTIVE_V6_SLASH32} active /32s in
 * 2000::/4 (a /29 covers its /32). Duplicate prefixes are drawn again, so counts are exact.
 *
 * <p><b>Peers</b>: peer 0 is a "heavy" peer that gets exactly {@code heavyPeerPrefixes} prefixes
 * picked uniformly from both families; every other prefix goes to a uniformly chosen peer
 * {@code 1..peers-1}.
 */
public final class SyntheticTable {
    public static final long DEFAULT_SEED = 0x6b6579726f757465L; // "keyroute"
    public static final int ACTIVE_V4_SLASH16 = 50_000;
    public static final int ACTIVE_V6_SLASH32 = 30_000;

    private static final int[] V4_LEN = {24, 23, 22, 21, 20, 19, 18, 17, 16, -1};
    private static final int[] V4_PERMILLE = {600, 100, 120, 50, 50, 30, 17, 10, 13, 10};
    private static final int[] V6_LEN = {48, 44, 40, 36, 32, 29, -1};
    private static final int[] V6_PERMILLE = {550, 80, 80, 40, 180, 20, 50};
    private static final int[] V6_OTHER = {33, 34, 35, 37, 38, 39, 41, 42, 43, 45, 46, 47};

    private final int[] v4Key;
    private final byte[] v4Len;
    private final long[] v6Hi;
    private final byte[] v6Len;
    private final int[] peerOf;
    private final int peers;

    private SyntheticTable(int[] v4Key, byte[] v4Len, long[] v6Hi, byte[] v6Len, int[] peerOf, int peers) {
        this.v4Key = v4Key;
        this.v4Len = v4Len;
        this.v6Hi = v6Hi;
        this.v6Len = v6Len;
        this.peerOf = peerOf;
        this.peers = peers;
    }

    /** The issue-4 target: 1,000,000 IPv4 + 200,000 IPv6 prefixes, 1,000 peers, one with 100,000. */
    public static SyntheticTable internetScale(long seed) {
        return generate(seed, 1_000_000, 200_000, 1_000, 100_000);
    }

    public static SyntheticTable generate(long seed, int v4Count, int v6Count, int peers, int heavyPeerPrefixes) {
        if (peers < 2 || heavyPeerPrefixes > v4Count + v6Count) {
            throw new IllegalArgumentException("need at least 2 peers and heavyPeerPrefixes <= size");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] slash16 = new int[ACTIVE_V4_SLASH16];
        Set<Integer> seen16 = new HashSet<>();
        for (int i = 0; i < slash16.length; ) {
            int first = 1 + rnd.nextInt(223);
            if (first == 10 || first == 127) {
                continue;
            }
            int block = first << 24 | rnd.nextInt(256) << 16;
            if (seen16.add(block)) {
                slash16[i++] = block;
            }
        }
        int[] v4Key = new int[v4Count];
        byte[] v4Len = new byte[v4Count];
        Set<Long> seen = new HashSet<>(v4Count * 2);
        for (int i = 0; i < v4Count; ) {
            int len = pick(rnd, V4_LEN, V4_PERMILLE);
            if (len < 0) {
                len = 8 + rnd.nextInt(8);
            }
            int addr;
            if (len >= 16) {
                addr = slash16[rnd.nextInt(slash16.length)] | rnd.nextInt(1 << 16);
            } else {
                addr = (slash16[rnd.nextInt(slash16.length)] & 0xff000000) | (rnd.nextInt() & 0x00ffffff);
            }
            int key = addr & (int) (0xffffffffL << (32 - len));
            if (seen.add(((long) key << 8) | len)) {
                v4Key[i] = key;
                v4Len[i++] = (byte) len;
            }
        }
        long[] slash32 = new long[ACTIVE_V6_SLASH32];
        for (int i = 0; i < slash32.length; i++) {
            slash32[i] = (0x2L << 60) | ((long) rnd.nextInt(1 << 28) << 32);
        }
        long[] v6Hi = new long[v6Count];
        byte[] v6Len = new byte[v6Count];
        seen.clear();
        for (int i = 0; i < v6Count; ) {
            int len = pick(rnd, V6_LEN, V6_PERMILLE);
            if (len < 0) {
                len = V6_OTHER[rnd.nextInt(V6_OTHER.length)];
            }
            long addr = slash32[rnd.nextInt(slash32.length)] | (rnd.nextLong() >>> 32);
            long key = addr & (-1L << (64 - len));
            if (seen.add(key | len)) { // len <= 48 leaves the low 16 bits of key zero
                v6Hi[i] = key;
                v6Len[i++] = (byte) len;
            }
        }
        int total = v4Count + v6Count;
        int[] peerOf = new int[total];
        for (int i = 0; i < total; i++) {
            peerOf[i] = 1 + rnd.nextInt(peers - 1);
        }
        for (int assigned = 0; assigned < heavyPeerPrefixes; ) {
            int i = rnd.nextInt(total);
            if (peerOf[i] != 0) {
                peerOf[i] = 0;
                assigned++;
            }
        }
        return new SyntheticTable(v4Key, v4Len, v6Hi, v6Len, peerOf, peers);
    }

    private static int pick(SplittableRandom rnd, int[] values, int[] permille) {
        int r = rnd.nextInt(1000);
        for (int i = 0; i < values.length; i++) {
            r -= permille[i];
            if (r < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    public int size() {
        return peerOf.length;
    }

    public int v4Count() {
        return v4Key.length;
    }

    public int peers() {
        return peers;
    }

    /** Peer index (0 = heavy peer) of prefix {@code i}. */
    public int peerOf(int i) {
        return peerOf[i];
    }

    /** Prefix {@code i}: IPv4 for {@code i < v4Count()}, IPv6 after. */
    public Prefix prefix(int i) {
        if (i < v4Key.length) {
            int k = v4Key[i];
            return Prefix.of(new byte[] {(byte) (k >>> 24), (byte) (k >>> 16), (byte) (k >>> 8), (byte) k}, v4Len[i]);
        }
        int j = i - v4Key.length;
        byte[] a = new byte[16];
        for (int b = 0; b < 8; b++) {
            a[b] = (byte) (v6Hi[j] >>> (56 - 8 * b));
        }
        return Prefix.of(a, v6Len[j]);
    }

    public Prefix[] prefixes() {
        Prefix[] all = new Prefix[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = prefix(i);
        }
        return all;
    }

    /** A random IPv4 address inside a random IPv4 prefix of the table (traffic to routed space). */
    public int routedV4(SplittableRandom rnd) {
        int i = rnd.nextInt(v4Key.length);
        int len = v4Len[i];
        return len == 32 ? v4Key[i] : v4Key[i] | (rnd.nextInt() >>> len);
    }

    /** High half of a random IPv6 address inside a random IPv6 prefix (low half: any value). */
    public long routedV6Hi(SplittableRandom rnd) {
        int j = rnd.nextInt(v6Hi.length);
        return v6Hi[j] | (rnd.nextLong() >>> v6Len[j]);
    }
}
