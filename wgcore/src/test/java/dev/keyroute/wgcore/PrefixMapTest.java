package dev.keyroute.wgcore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Prefix;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixMapTest {

    /** A prefix out of a space of {@code space} distinct ones, IPv4 and IPv6 mixed. */
    private static Prefix prefix(SplittableRandom rnd, int space) {
        int n = rnd.nextInt(space);
        if ((n & 1) == 0) {
            return Prefix.of(new byte[] {10, (byte) (n >>> 17), (byte) (n >>> 9), (byte) (n >>> 1)}, 32);
        }
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[4] = (byte) (n >>> 17);
        a[5] = (byte) (n >>> 9);
        a[6] = (byte) (n >>> 1);
        return Prefix.of(a, 64);
    }

    private static void assertSame(Map<Prefix, Integer> expected, PrefixMap<Integer> map) {
        assertEquals(expected.size(), map.size());
        Map<Prefix, Integer> seen = new HashMap<>();
        map.forEach((k, v) -> assertNull(seen.put(k, v), "a key twice: " + k));
        assertEquals(expected, seen);
        assertEquals(expected.keySet(), new HashSet<>(map.keySet()));
        for (Prefix p : expected.keySet()) {
            assertTrue(map.containsKey(p));
            assertEquals(expected.get(p), map.get(p));
        }
    }

    /** Small key spaces make long probe runs, so removals shift entries across wrapped runs often. */
    @ParameterizedTest
    @ValueSource(ints = {8, 64, 1_000, 50_000})
    void shouldAgreeWithHashMapOnRandomPutsRemovesAndLookups(int space) {
        SplittableRandom rnd = new SplittableRandom(space);
        PrefixMap<Integer> map = new PrefixMap<>();
        Map<Prefix, Integer> ref = new HashMap<>();
        for (int op = 0; op < 300_000; op++) {
            Prefix p = prefix(rnd, space);
            int v = rnd.nextInt(1000);
            switch (rnd.nextInt(10)) {
                case 0, 1, 2 -> assertEquals(ref.put(p, v), map.put(p, v));
                case 3 -> assertEquals(ref.putIfAbsent(p, v), map.putIfAbsent(p, v));
                case 4, 5, 6 -> assertEquals(ref.remove(p), map.remove(p));
                case 7 -> assertEquals(ref.getOrDefault(p, -1), map.getOrDefault(p, -1));
                case 8 -> assertEquals(ref.containsKey(p), map.containsKey(p));
                default -> assertEquals(ref.get(p), map.get(p));
            }
            assertEquals(ref.size(), map.size());
            if (op % 50_000 == 0) {
                assertSame(ref, map);
            }
        }
        assertSame(ref, map);
    }

    @Test
    void shouldFindEveryKeyAfterGrowingToAMillionAndShrinkingBackWhenEmptied() {
        PrefixMap<Integer> map = new PrefixMap<>();
        SplittableRandom rnd = new SplittableRandom(7);
        Map<Prefix, Integer> ref = new HashMap<>();
        while (ref.size() < 1_000_000) {
            Prefix p = prefix(rnd, 1 << 24);
            ref.put(p, ref.size());
            map.put(p, ref.get(p));
        }
        assertSame(ref, map);
        for (Prefix p : ref.keySet()) {
            assertEquals(ref.get(p), map.remove(p));
        }
        assertTrue(map.isEmpty());
        assertEquals(0, map.keySet().size());
        assertNull(map.get(ref.keySet().iterator().next()));
    }

    @Test
    void shouldFailFastWhenChangedStructurallyWhileIterating() {
        PrefixMap<Integer> map = new PrefixMap<>();
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            map.put(prefix(rnd, 1 << 20), i);
        }
        assertThrows(ConcurrentModificationException.class, () -> map.forEach((k, v) -> map.remove(k)));
        assertThrows(ConcurrentModificationException.class, () -> {
            for (Prefix p : map.keySet()) {
                map.put(Prefix.parse("192.0.2.0/24"), p.length());
            }
        });
        Map<Prefix, Integer> before = new HashMap<>();
        map.forEach(before::put);
        map.forEach((k, v) -> map.put(k, v + 1)); // replacing a value is not structural
        assertFalse(map.isEmpty());
        before.forEach((k, v) -> assertEquals(v + 1, map.get(k)));
    }

    @Test
    void shouldRefuseNullValues() {
        PrefixMap<Integer> map = new PrefixMap<>();
        assertThrows(NullPointerException.class, () -> map.put(Prefix.parse("10.0.0.0/8"), null));
        assertTrue(map.isEmpty());
    }
}
