package dev.keyroute.wgcore.allowedips;

/** The prefixes of one peer, per family (sets created on first use). Writer-only. */
final class PeerPrefixes {
    /** Receives one prefix as a 128-bit key (IPv4 in the top 32 bits of {@code hi}). */
    interface Visitor {
        void accept(boolean ipv6, long hi, long lo, int len);
    }

    private PrefixSet4 v4;
    private PrefixSet6 v6;

    void add(boolean ipv6, long hi, long lo, int len) {
        if (ipv6) {
            if (v6 == null) {
                v6 = new PrefixSet6();
            }
            v6.add(hi, lo, len);
        } else {
            if (v4 == null) {
                v4 = new PrefixSet4();
            }
            v4.add(PrefixSet4.pack(hi, len));
        }
    }

    void addAll4(long[] keys, int from, int to) {
        if (v4 == null) {
            v4 = new PrefixSet4();
        }
        v4.reserve(to - from);
        for (int i = from; i < to; i++) {
            v4.add(keys[i]);
        }
    }

    long prefetch(boolean ipv6, long hi, long lo, int len) {
        if (ipv6) {
            return v6 == null ? 0 : v6.prefetch(hi, lo, len);
        }
        return v4 == null ? 0 : v4.prefetch(PrefixSet4.pack(hi, len));
    }

    boolean remove(boolean ipv6, long hi, long lo, int len) {
        if (ipv6) {
            return v6 != null && v6.remove(hi, lo, len);
        }
        return v4 != null && v4.remove(PrefixSet4.pack(hi, len));
    }

    int size() {
        return (v4 == null ? 0 : v4.size()) + (v6 == null ? 0 : v6.size());
    }

    void forEach(Visitor action) {
        if (v4 != null) {
            v4.forEach(k -> action.accept(false, PrefixSet4.hiOf(k), 0, PrefixSet4.lenOf(k)));
        }
        if (v6 != null) {
            v6.forEach((hi, lo, len) -> action.accept(true, hi, lo, len));
        }
    }
}
