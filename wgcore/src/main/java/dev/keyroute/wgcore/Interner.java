package dev.keyroute.wgcore;

import java.util.HashMap;
import java.util.Map;

/**
 * One shared instance per distinct value, for the values that a table of a million routes holds
 * once per route but has only about as many of as peers: the route follower's next hops (every
 * route message brings its own gateway address objects; sharing saves ~130 bytes per mirrored
 * route and makes comparing two mirrored routes an identity check per path), path lists and
 * applied outcomes, and the route layer's {@code AllowedIpsEntry}s. Shared values are fewer
 * objects for the collector to copy and scan while a full table loads. Bounded: forgets
 * everything when it grows past {@value #MAX}, which only costs sharing; owners whose values hold
 * peers {@link #clear} it when peers are removed, so that it keeps no removed peer alive. Not
 * thread-safe: one owner thread, or the owner's lock.
 *
 * @param <T> an immutable value type with value equality
 */
public final class Interner<T> {
    public static final int MAX = 1 << 16;

    private final Map<T, T> canonical = new HashMap<>();

    /** {@code value}, or the equal instance handed out before. */
    public T intern(T value) {
        T known = canonical.putIfAbsent(value, value);
        if (known != null) {
            return known;
        }
        if (canonical.size() > MAX) {
            canonical.clear();
        }
        return value;
    }

    /** Forgets every value (e.g. when the peers some of them hold were removed). */
    public void clear() {
        canonical.clear();
    }

    public int size() {
        return canonical.size();
    }
}
