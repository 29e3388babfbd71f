package dev.keyroute.wgcore.allowedips;

import dev.keyroute.config.Prefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Deliberately slow AllowedIPs: an unsorted list scanned linearly on every operation (like the
 * kernel selftest's "horrible" table). Obviously correct; used as the oracle in differential
 * tests. Not thread-safe.
 */
public final class ReferenceAllowedIps<P> {
    private record Item<P>(Prefix prefix, P peer) {
    }

    private final List<Item<P>> items = new ArrayList<>();
    private long version;

    public P insert(Prefix prefix, P peer) {
        for (int i = 0; i < items.size(); i++) {
            Item<P> it = items.get(i);
            if (it.prefix.equals(prefix)) {
                if (it.peer != peer) {
                    items.set(i, new Item<>(prefix, peer));
                    version++;
                }
                return it.peer;
            }
        }
        items.add(new Item<>(prefix, peer));
        version++;
        return null;
    }

    public boolean remove(Prefix prefix, P peer) {
        for (int i = 0; i < items.size(); i++) {
            Item<P> it = items.get(i);
            if (it.prefix.equals(prefix) && it.peer == peer) {
                items.remove(i);
                version++;
                return true;
            }
        }
        return false;
    }

    public P remove(Prefix prefix) {
        for (int i = 0; i < items.size(); i++) {
            Item<P> it = items.get(i);
            if (it.prefix.equals(prefix)) {
                items.remove(i);
                version++;
                return it.peer;
            }
        }
        return null;
    }

    public int removeByPeer(P peer) {
        int before = items.size();
        items.removeIf(it -> it.peer == peer);
        int removed = before - items.size();
        if (removed > 0) {
            version++;
        }
        return removed;
    }

    public P get(Prefix exact) {
        for (Item<P> it : items) {
            if (it.prefix.equals(exact)) {
                return it.peer;
            }
        }
        return null;
    }

    /** Longest match by scanning every entry. */
    public P lookup(byte[] address) {
        Item<P> best = null;
        for (Item<P> it : items) {
            if (it.prefix.contains(address) && (best == null || it.prefix.length() > best.prefix.length())) {
                best = it;
            }
        }
        return best == null ? null : best.peer;
    }

    public int size() {
        return items.size();
    }

    public int size(P peer) {
        int n = 0;
        for (Item<P> it : items) {
            if (it.peer == peer) {
                n++;
            }
        }
        return n;
    }

    public long version() {
        return version;
    }

    /**
     * Sets the change counter; differential tests use it after a batch, which the real table
     * counts as one change while this list counts each step.
     */
    public void setVersion(long version) {
        this.version = version;
    }

    public void clear() {
        if (!items.isEmpty()) {
            items.clear();
            version++;
        }
    }

    /** Entries in the same order as {@code AllowedIps.forEach}: IPv4 first, then by address, shorter first. */
    public void forEach(BiConsumer<Prefix, P> action) {
        List<Item<P>> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(Item::prefix));
        for (Item<P> it : sorted) {
            action.accept(it.prefix, it.peer);
        }
    }
}
