package dev.keyroute.wgcore.device;

/**
 * What an AllowedIPs entry maps a prefix to: one peer, or (for multipath routes) a weighted set
 * of peers. Outbound picks one peer per flow; inbound accepts a source from any peer of the set.
 */
public interface Target {
    /** The peer to send a packet of this flow to. */
    Peer select(int flowHash);

    /** Whether a packet decrypted from {@code peer} may carry a source inside this entry. */
    boolean accepts(Peer peer);
}
