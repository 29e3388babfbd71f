package dev.keyroute.daemon.route;

import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.device.PeerSet;
import dev.keyroute.wgcore.device.Target;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a prefix's route sends traffic on one device: one peer, or several with weights
 * (multipath). Equality is by peer identity (a re-created peer with the same key is a different
 * peer) and weight, so the applier can tell "unchanged" from "changed".
 *
 * @param peers   distinct peers, in path order
 * @param weights one weight (1..256, summed over paths to the same peer) per peer
 */
record Resolution(List<Peer> peers, List<Integer> weights) {
    Resolution {
        peers = List.copyOf(peers);
        weights = List.copyOf(weights);
        if (peers.isEmpty() || peers.size() != weights.size()) {
            throw new IllegalArgumentException("one weight per peer, at least one peer");
        }
    }

    /** Collects weighted paths, merging paths that resolved to the same peer. */
    static final class Builder {
        private final List<Peer> peers = new ArrayList<>(2);
        private final List<Integer> weights = new ArrayList<>(2);

        void add(Peer peer, int weight) {
            for (int i = 0; i < peers.size(); i++) {
                if (peers.get(i) == peer) {
                    weights.set(i, weights.get(i) + weight);
                    return;
                }
            }
            peers.add(peer);
            weights.add(weight);
        }

        /** Null when no path resolved. */
        Resolution build() {
            return peers.isEmpty() ? null : new Resolution(peers, weights);
        }
    }

    /** The AllowedIPs target: the peer itself, or a weighted {@link PeerSet}. */
    Target target() {
        return peers.size() == 1 ? peers.get(0) : new PeerSet(peers, weights);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Resolution r) || r.peers.size() != peers.size() || !weights.equals(r.weights)) {
            return false;
        }
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i) != r.peers.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = weights.hashCode();
        for (Peer p : peers) {
            h = 31 * h + System.identityHashCode(p);
        }
        return h;
    }
}
