package dev.keyroute.wgcore;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A hash map made of {@value #SHARDS} {@link HashMap}s, one chosen per key by a hash of the
 * key's hash code, so that growing rehashes one shard at a time: at most ~1/{@value #SHARDS} of
 * the entries in one call, instead of all of them. For the maps a route follower fills with a
 * full table (a million prefixes, one event at a time), where one {@code HashMap} doubling at
 * 786,432 entries held up the event that caused it, and those queued behind it, for 50-90 ms.
 * The shards fill at the same rate but cross their thresholds at slightly different sizes, so
 * their doublings fall on different events.
 *
 * <p>Not thread-safe, like {@code HashMap}; no null keys. Iteration order is unspecified.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class ShardedHashMap<K, V> extends AbstractMap<K, V> {
    static final int SHARD_BITS = 6;
    static final int SHARDS = 1 << SHARD_BITS;

    private final HashMap<K, V>[] shards;
    private int size;
    private Set<Map.Entry<K, V>> entrySet;
    private Set<K> keySet;

    @SuppressWarnings("unchecked")
    public ShardedHashMap() {
        shards = new HashMap[SHARDS];
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new HashMap<>();
        }
    }

    /**
     * Shard of a key: the top bits of a multiplicative hash, independent of the low bits a
     * {@code HashMap} picks its bucket with (shards by low bits would leave most buckets of
     * each shard empty).
     */
    static int shardOf(Object key) {
        return (key.hashCode() * 0x9E3779B9) >>> (32 - SHARD_BITS);
    }

    private HashMap<K, V> shard(Object key) {
        return shards[shardOf(key)];
    }

    /** Entries in the fullest shard (tests: the shards share the entries evenly). */
    int largestShard() {
        int max = 0;
        for (HashMap<K, V> m : shards) {
            max = Math.max(max, m.size());
        }
        return max;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public V get(Object key) {
        return shard(key).get(key);
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        return shard(key).getOrDefault(key, defaultValue);
    }

    @Override
    public boolean containsKey(Object key) {
        return shard(key).containsKey(key);
    }

    @Override
    public V put(K key, V value) {
        return change(key, m -> m.put(key, value));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return change(key, m -> m.putIfAbsent(key, value));
    }

    @Override
    public V remove(Object key) {
        return change(key, m -> m.remove(key));
    }

    /** Applies {@code op} to {@code key}'s shard and keeps the count. */
    private V change(Object key, Function<HashMap<K, V>, V> op) {
        HashMap<K, V> m = shard(key);
        int before = m.size();
        V old = op.apply(m);
        size += m.size() - before;
        return old;
    }

    @Override
    public void clear() {
        for (HashMap<K, V> m : shards) {
            m.clear();
        }
        size = 0;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        for (HashMap<K, V> m : shards) {
            m.forEach(action);
        }
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        if (entrySet == null) {
            entrySet = new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<K, V>> iterator() {
                    return new ShardIterator<>(s -> s.entrySet().iterator());
                }

                @Override
                public int size() {
                    return size;
                }

                @Override
                public void clear() {
                    ShardedHashMap.this.clear();
                }
            };
        }
        return entrySet;
    }

    /** The keys, with {@code contains} and {@code remove} by hash (the default view walks every entry). */
    @Override
    public Set<K> keySet() {
        if (keySet == null) {
            keySet = new AbstractSet<>() {
                @Override
                public Iterator<K> iterator() {
                    return new ShardIterator<>(s -> s.keySet().iterator());
                }

                @Override
                public int size() {
                    return size;
                }

                @Override
                public boolean contains(Object o) {
                    return containsKey(o);
                }

                @Override
                public boolean remove(Object o) {
                    int before = size;
                    ShardedHashMap.this.remove(o);
                    return size != before;
                }

                @Override
                public void clear() {
                    ShardedHashMap.this.clear();
                }
            };
        }
        return keySet;
    }

    /** One shard's iterator after the other; {@code remove} goes to the current one and keeps the count. */
    private final class ShardIterator<T> implements Iterator<T> {
        private final Function<HashMap<K, V>, Iterator<T>> open;
        private int next;
        private Iterator<T> current;
        private Iterator<T> last;

        ShardIterator(Function<HashMap<K, V>, Iterator<T>> open) {
            this.open = open;
        }

        @Override
        public boolean hasNext() {
            while (current == null || !current.hasNext()) {
                if (next == SHARDS) {
                    return false;
                }
                current = open.apply(shards[next++]);
            }
            return true;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            last = current;
            return current.next();
        }

        @Override
        public void remove() {
            if (last == null) {
                throw new IllegalStateException();
            }
            last.remove();
            last = null;
            size--;
        }
    }
}
