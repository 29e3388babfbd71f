package dev.keyroute.wgcore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShardedHashMapTest {

    @Test
    void shouldBehaveLikeAHashMapUnderRandomOperations() {
        SplittableRandom rnd = new SplittableRandom(7);
        ShardedHashMap<Long, Integer> sharded = new ShardedHashMap<>();
        Map<Long, Integer> reference = new HashMap<>();
        for (int op = 0; op < 400_000; op++) {
            long k = rnd.nextInt(20_000) * 0x1_0000_0001L; // keys whose hash codes share low bits
            int v = rnd.nextInt();
            switch (rnd.nextInt(8)) {
                case 0, 1, 2 -> assertEquals(reference.put(k, v), sharded.put(k, v));
                case 3 -> assertEquals(reference.putIfAbsent(k, v), sharded.putIfAbsent(k, v));
                case 4 -> assertEquals(reference.remove(k), sharded.remove(k));
                case 5 -> assertEquals(reference.remove(k) != null, sharded.keySet().remove(k));
                case 6 -> assertEquals(reference.getOrDefault(k, -1), sharded.getOrDefault(k, -1));
                default -> {
                    assertEquals(reference.get(k), sharded.get(k));
                    assertEquals(reference.containsKey(k), sharded.keySet().contains(k));
                }
            }
            assertEquals(reference.size(), sharded.size());
        }
        assertEquals(reference, sharded);
        assertEquals(sharded, reference);
        Map<Long, Integer> seen = new HashMap<>();
        sharded.forEach(seen::put);
        assertEquals(reference, seen);
    }

    @Test
    void shouldRemoveThroughTheIteratorsAndKeepTheCount() {
        ShardedHashMap<Integer, String> m = new ShardedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            m.put(i, "v" + i);
        }
        for (Iterator<Map.Entry<Integer, String>> it = m.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getKey() % 2 == 0) {
                it.remove();
            }
        }
        assertEquals(5_000, m.size());
        for (Iterator<Integer> it = m.keySet().iterator(); it.hasNext(); ) {
            int k = it.next();
            assertTrue(it.hasNext() || k % 2 == 1);
            if (k % 3 == 0) {
                it.remove();
            }
        }
        int expected = 0;
        for (int i = 0; i < 10_000; i++) {
            boolean kept = i % 2 == 1 && i % 3 != 0;
            assertEquals(kept, m.containsKey(i));
            expected += kept ? 1 : 0;
        }
        assertEquals(expected, m.size());
        assertEquals(expected, m.entrySet().size());
        assertEquals(expected, m.values().size());
        Iterator<Integer> it = m.keySet().iterator();
        assertThrows(IllegalStateException.class, it::remove);
        m.keySet().clear();
        assertTrue(m.isEmpty());
        assertFalse(m.keySet().iterator().hasNext());
    }

    @Test
    void shouldShareEntriesEvenlyAmongShardsWhenHashCodesDifferOnlyInHighBits() {
        ShardedHashMap<Integer, Integer> m = new ShardedHashMap<>();
        int n = 1 << 16;
        for (int i = 0; i < n; i++) {
            m.put(i << 16, i); // low 16 bits of every hash code 0
        }
        assertEquals(n, m.size());
        assertTrue(m.largestShard() < 2 * n / ShardedHashMap.SHARDS, "largest shard " + m.largestShard());
    }
}
