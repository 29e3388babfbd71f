package dev.keyroute.wgcore.device;

import java.util.List;

/**
 * A multipath target: peers with integer weights. A flow hash picks a peer in proportion to its
 * weight, the same peer for every packet of a flow.
 */
public final class PeerSet implements Target {
    private final Peer[] peers;
    private final int[] cumulative;
    private final int total;

    public PeerSet(List<Peer> peers, List<Integer> weights) {
        if (peers.isEmpty() || peers.size() != weights.size()) {
            throw new IllegalArgumentException("need one weight per peer");
        }
        this.peers = peers.toArray(new Peer[0]);
        this.cumulative = new int[peers.size()];
        int sum = 0;
        for (int i = 0; i < this.peers.length; i++) {
            int w = weights.get(i);
            if (w < 1) {
                throw new IllegalArgumentException("weight must be >= 1");
            }
            sum += w;
            cumulative[i] = sum;
        }
        this.total = sum;
    }

    public List<Peer> peers() {
        return List.of(peers);
    }

    @Override
    public Peer select(int flowHash) {
        int point = Integer.remainderUnsigned(flowHash, total);
        for (int i = 0; i < cumulative.length; i++) {
            if (point < cumulative[i]) {
                return peers[i];
            }
        }
        return peers[peers.length - 1];
    }

    @Override
    public boolean accepts(Peer peer) {
        for (Peer p : peers) {
            if (p == peer) {
                return true;
            }
        }
        return false;
    }
}
