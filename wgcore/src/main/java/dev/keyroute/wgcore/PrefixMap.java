package dev.keyroute.wgcore;

import dev.keyroute.config.Prefix;
import java.util.AbstractSet;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A map from {@link Prefix} to a non-null value in two parallel arrays (open addressing, linear
 * probing, deletion by backward shift, so no tombstones): what the daemon's route maps hold a
 * million of. A {@code HashMap} adds a 32-byte node object per entry; here an entry is two array
 * slots. At a full table that is 3.6 million objects fewer for the collector to copy while routes
 * load, and the arrays, large enough to be allocated outside the young generation, are never
 * copied. The slot of a key comes from the top bits of its (cached) hash times an odd constant.
 * The arrays grow at 3/4 load and shrink below 1/8, so a table emptied by a mass delete gives its
 * memory back. Not thread-safe. Iterators fail fast when the map is changed structurally
 * meanwhile, like {@code HashMap}'s; replacing a value is not a structural change.
 *
 * @param <V> value type
 */
public final class PrefixMap<V> {
    private static final int MIN_CAPACITY = 16;
    private static final int GOLDEN = 0x9E3779B9;

    private Prefix[] keys;
    private Object[] values;
    private int shift; // 32 - log2(capacity)
    private int size;
    private int modCount;

    public PrefixMap() {
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        keys = new Prefix[capacity];
        values = new Object[capacity];
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
    }

    private int home(Prefix key) {
        return (key.hashCode() * GOLDEN) >>> shift;
    }

    /** Slot of {@code key}, or {@code -1 - slot} of the free slot where it would go. */
    private int find(Prefix key) {
        int mask = keys.length - 1;
        for (int i = home(key); ; i = (i + 1) & mask) {
            Prefix k = keys[i];
            if (k == null) {
                return -1 - i;
            }
            if (k.equals(key)) {
                return i;
            }
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean containsKey(Prefix key) {
        return find(key) >= 0;
    }

    public V get(Prefix key) {
        int i = find(key);
        return i < 0 ? null : value(i);
    }

    public V getOrDefault(Prefix key, V otherwise) {
        int i = find(key);
        return i < 0 ? otherwise : value(i);
    }

    /** Maps {@code key} to {@code value}; returns the previous value or null. */
    public V put(Prefix key, V value) {
        return put(key, value, true);
    }

    /** Maps {@code key} to {@code value} unless it has a value; returns that value, or null if it had none. */
    public V putIfAbsent(Prefix key, V value) {
        return put(key, value, false);
    }

    private V put(Prefix key, V value, boolean replace) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        int i = find(key);
        if (i >= 0) {
            V old = value(i);
            if (replace) {
                values[i] = value;
            }
            return old;
        }
        if ((size + 1) * 4L > keys.length * 3L) {
            resize(keys.length * 2);
            i = find(key);
        }
        i = -1 - i;
        keys[i] = key;
        values[i] = value;
        size++;
        modCount++;
        return null;
    }

    /** Removes {@code key}; returns its value, or null if it had none. */
    public V remove(Prefix key) {
        int i = find(key);
        if (i < 0) {
            return null;
        }
        V old = value(i);
        int mask = keys.length - 1;
        // backward shift: pull each later entry of the run into the hole unless its home lies
        // cyclically after the hole (then it is where a probe from its home finds it already)
        for (int j = (i + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            int h = home(keys[j]);
            boolean stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
            if (!stays) {
                keys[i] = keys[j];
                values[i] = values[j];
                i = j;
            }
        }
        keys[i] = null;
        values[i] = null;
        size--;
        modCount++;
        if (keys.length > MIN_CAPACITY && size * 8L < keys.length) {
            resize(keys.length / 2);
        }
        return old;
    }

    public void clear() {
        allocate(MIN_CAPACITY);
        size = 0;
        modCount++;
    }

    private void resize(int capacity) {
        Prefix[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(capacity);
        int mask = capacity - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            Prefix k = oldKeys[j];
            if (k != null) {
                int i = home(k);
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
            }
        }
    }

    /** Calls {@code action} for every entry, in slot order. */
    public void forEach(BiConsumer<? super Prefix, ? super V> action) {
        int expected = modCount;
        Prefix[] ks = keys;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != null) {
                action.accept(ks[i], value(i));
                if (modCount != expected) {
                    throw new ConcurrentModificationException();
                }
            }
        }
    }

    /** The keys, as a read-only view. */
    public Set<Prefix> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Prefix> iterator() {
                return new Keys();
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public boolean contains(Object o) {
                return o instanceof Prefix p && containsKey(p);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private V value(int i) {
        return (V) values[i];
    }

    private final class Keys implements Iterator<Prefix> {
        private final Prefix[] ks = keys;
        private final int expected = modCount;
        private int next = advance(0);

        private int advance(int from) {
            int i = from;
            while (i < ks.length && ks[i] == null) {
                i++;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return next < ks.length;
        }

        @Override
        public Prefix next() {
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            if (next >= ks.length) {
                throw new NoSuchElementException();
            }
            Prefix k = ks[next];
            next = advance(next + 1);
            return k;
        }
    }
}
