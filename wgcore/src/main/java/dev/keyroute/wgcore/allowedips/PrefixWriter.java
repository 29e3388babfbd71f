package dev.keyroute.wgcore.allowedips;

import dev.keyroute.config.Prefix;

/**
 * The two changes of one exact prefix that both the table ({@link AllowedIps}: published at
 * once) and a {@link Batch} (published when the batch ends) take, so that code deciding what a
 * prefix should map to is written once for both.
 *
 * @param <P> peer value type (identity semantics)
 */
public interface PrefixWriter<P> {
    /** Maps the exact prefix to {@code peer}; returns the previous value or null. */
    P insert(Prefix prefix, P peer);

    /** Removes whatever the prefix maps to; returns it or null. */
    P remove(Prefix prefix);
}
