package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Bucket6Test {
    private record Key(long hi, long lo) {
    }

    @Test
    void shouldAgreeWithHashMapThroughInsertsRemovalsAndGrowth() {
        for (boolean wide : new boolean[] {false, true}) {
            SplittableRandom rnd = new SplittableRandom(wide ? 2 : 1);
            Bucket6 b = Bucket6.empty(1, wide);
            Map<Key, Integer> ref = new HashMap<>();
            List<Key> keys = new ArrayList<>();
            for (int i = 0; i < 300; i++) { // few distinct keys, 0 included, so slots collide and shift
                keys.add(new Key(i == 0 ? 0 : rnd.nextLong() & 0xffff, wide ? rnd.nextLong() & 3 : 0));
            }
            for (int op = 0; op < 50_000; op++) {
                Key k = keys.get(rnd.nextInt(keys.size()));
                int h = Bucket6.hash(k.hi, k.lo);
                int i = b.find(h, k.hi, k.lo);
                assertEquals(ref.containsKey(k), i >= 0, "find " + k);
                if (rnd.nextBoolean()) {
                    int value = 1 + rnd.nextInt(1000);
                    int slot = b.insert(h, k.hi, k.lo, value);
                    b.setValue(slot, value);
                    int[] node = rnd.nextBoolean() ? new int[] {value} : null;
                    b.setNode(slot, node);
                    ref.put(k, value);
                    assertEquals(value, b.value(slot));
                    assertSame(node, b.nodes[slot]);
                } else if (i >= 0) {
                    b.remove(i);
                    ref.remove(k);
                }
                assertEquals(ref.size(), b.size);
            }
            for (Key k : keys) {
                int i = b.find(Bucket6.hash(k.hi, k.lo), k.hi, k.lo);
                Integer v = ref.get(k);
                if (v == null) {
                    assertEquals(-1, i);
                } else {
                    assertEquals(v.intValue(), b.value(i));
                    assertEquals(k.hi, b.key(i));
                    assertEquals(k.lo, b.keyLo(i));
                }
            }
            Bucket6 copy = b.copy(2);
            int before = b.size;
            for (Key k : keys) {
                int i = copy.find(Bucket6.hash(k.hi, k.lo), k.hi, k.lo);
                if (i >= 0) {
                    copy.remove(i);
                }
            }
            assertEquals(0, copy.size);
            assertEquals(before, b.size, "removing from a copy leaves the original");
            Key any = ref.keySet().iterator().next();
            int i = b.find(Bucket6.hash(any.hi, any.lo), any.hi, any.lo);
            assertEquals(ref.get(any).intValue(), b.value(i));
        }
    }

    /**
     * Single changes write a published bucket in place (tombstones for removals) until it has no
     * room; a batch then copies it, which drops the tombstones so that its removals can shift
     * entries back. Checked against a map through many such rounds.
     */
    @Test
    @org.junit.jupiter.api.Timeout(30)
    void shouldAgreeWithHashMapWhenWrittenInPlaceAndThenCopied() {
        for (boolean wide : new boolean[] {false, true}) {
            SplittableRandom rnd = new SplittableRandom(wide ? 4 : 3);
            long owner = 1;
            Bucket6 b = Bucket6.empty(owner, wide);
            Map<Key, Integer> ref = new HashMap<>();
            List<Key> keys = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                keys.add(new Key(i == 0 ? 0 : rnd.nextLong() & 0xff, wide ? rnd.nextLong() & 1 : 0));
            }
            int copies = 0;
            int tombsSeen = 0;
            for (int op = 0; op < 100_000; op++) {
                Key k = keys.get(rnd.nextInt(keys.size()));
                int h = Bucket6.hash(k.hi, k.lo);
                int i = b.find(h, k.hi, k.lo);
                assertEquals(ref.containsKey(k), i >= 0, "find " + k);
                boolean batch = rnd.nextInt(8) == 0;
                if (batch && b.owner != owner + 1) { // a batch takes the bucket over
                    b = b.copy(++owner);
                    copies++;
                    assertEquals(0, b.tombs, "a copy holds no tombstones");
                    i = b.find(h, k.hi, k.lo);
                } else if (!batch) {
                    owner++; // next single change: b is published
                }
                int value = 1 + rnd.nextInt(1000);
                int[] node = rnd.nextBoolean() ? new int[] {value} : null;
                if (rnd.nextInt(3) > 0) {
                    if (b.owner == owner) {
                        int slot = b.insert(h, k.hi, k.lo, value);
                        b.setValue(slot, value);
                        b.setNode(slot, node);
                    } else if (i >= 0) {
                        b.setValueShared(i, value);
                        b.setNodeShared(i, node);
                    } else if (b.putShared(h, k.hi, k.lo, value, node) < 0) {
                        b = b.copy(owner); // no room: copied, as the writer does
                        copies++;
                        int slot = b.insert(h, k.hi, k.lo, value);
                        b.setNode(slot, node);
                    }
                    ref.put(k, value);
                } else if (i >= 0) {
                    if (b.owner == owner) {
                        b.remove(i);
                    } else {
                        b.removeShared(i);
                    }
                    ref.remove(k);
                }
                tombsSeen = Math.max(tombsSeen, b.tombs);
                assertEquals(ref.size(), b.size);
                assertTrue((b.size + b.tombs) * 4 <= b.capacity() * 3, "load counts tombstones");
            }
            for (Key k : keys) {
                int i = b.find(Bucket6.hash(k.hi, k.lo), k.hi, k.lo);
                Integer v = ref.get(k);
                assertEquals(v == null ? -1 : v, i < 0 ? -1 : b.value(i), "value of " + k);
            }
            assertTrue(copies > 100 && tombsSeen > 5, "both paths ran: " + copies + " copies, " + tombsSeen + " tombstones");
        }
    }
}
