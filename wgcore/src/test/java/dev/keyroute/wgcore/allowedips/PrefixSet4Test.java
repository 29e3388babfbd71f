package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PrefixSet4Test {
    private static long key(int addr, int len) {
        long masked = len == 0 ? 0 : (addr & 0xffffffffL) >>> (32 - len) << (32 - len);
        return PrefixSet4.pack(masked << 32, len);
    }

    @Test
    void shouldAgreeWithHashSetOnRandomAddsAndRemovesOfEveryLength() {
        SplittableRandom rnd = new SplittableRandom(4);
        PrefixSet4 set = new PrefixSet4();
        Set<Long> ref = new HashSet<>();
        int[] edges = {0, 1, -1, 0x80000000, 0x7fffffff};
        for (int i = 0; i < 200_000; i++) {
            int len = rnd.nextInt(8) == 0 ? 32 : rnd.nextInt(33);
            int addr = rnd.nextInt(16) == 0 ? edges[rnd.nextInt(edges.length)] : rnd.nextInt(1 << 12) << 20 | rnd.nextInt(64);
            long k = key(addr, len);
            if (rnd.nextInt(3) == 0) {
                assertEquals(ref.remove(k), set.remove(k), "remove " + Long.toHexString(k));
            } else {
                ref.add(k);
                set.add(k);
            }
            assertEquals(ref.size(), set.size());
        }
        Set<Long> seen = new HashSet<>();
        set.forEach(seen::add);
        assertEquals(ref, seen);
    }
}
