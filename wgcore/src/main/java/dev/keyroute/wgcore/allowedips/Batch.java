package dev.keyroute.wgcore.allowedips;

import dev.keyroute.config.Prefix;

/**
 * Changes collected inside {@link AllowedIps#apply}; readers see all of them at once when
 * {@code apply} returns, or none if the consumer throws. Valid only during that call.
 *
 * @param <P> peer value type (identity semantics)
 */
public interface Batch<P> extends PrefixWriter<P> {

    /**
     * Maps {@code prefixes.get(i)} to {@code peers.get(i)} for every i, as that many
     * {@link #insert}s in list order would (a prefix given twice ends with its later peer), but
     * in one pass that visits the table in address order: for loading a full table. Returns how
     * many prefixes were not mapped before.
     */
    int insertAll(java.util.List<Prefix> prefixes, java.util.List<? extends P> peers);

    /** Removes the prefix only if it is currently mapped to {@code peer} (identity). */
    boolean remove(Prefix prefix, P peer);

    /** Removes every prefix of the peer; returns how many. */
    int removeByPeer(P peer);

    /** Removes everything (e.g. before reloading a full table in the same step). */
    void clear();

    /** Exact-match value as this batch has left it so far, or null. */
    P get(Prefix exact);
}
