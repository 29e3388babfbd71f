package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IntNodeTest {
    private final int[] scratch = new int[IntNode.VALUES + 257];

    @Test
    void shouldReadBackEverySlotInBothFormats() {
        SplittableRandom rnd = new SplittableRandom(4);
        int dense = 0;
        int runLength = 0;
        for (int round = 0; round < 3000; round++) {
            int maxId = switch (round % 3) {
                case 0 -> 40;                  // small ids: dense once there are many runs
                case 1 -> 1 << 15;             // around the 16-bit limit
                default -> IntNode.MAX_ID - 1; // large ids force run-length
            };
            int n = rnd.nextInt(60);
            int[] originals = new int[n + 1];
            int m = 0;
            for (int i = 0; i < n; i++) {
                int l = 1 + rnd.nextInt(8);
                int code = IntNode.codeOf(rnd.nextInt(256), l);
                int id = 1 + rnd.nextInt(maxId);
                m = IntNode.edit(originals, 0, m, code, id);
            }
            int inherited = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(maxId);
            int[] slots = new int[256];
            IntNode.paint(originals, m, inherited, slots);
            for (int s = 0; s < 256; s++) {
                if (rnd.nextInt(50) == 0) {
                    slots[s] = IntNode.CHILD;
                }
            }
            int[] node = IntNode.encode(slots, originals, m, inherited, scratch);
            if ((node[IntNode.BITMAP] & 1) == 0) {
                dense++;
            } else {
                runLength++;
            }
            for (int s = 0; s < 256; s++) {
                assertEquals(slots[s], IntNode.get(node, s), "slot " + s + " round " + round);
                assertEquals(slots[s], IntNode.get6(node, s), "slot " + s + " round " + round);
            }
            assertEquals(inherited, IntNode.inherited(node));
            int[] back = new int[IntNode.CODES];
            assertEquals(m, IntNode.extract(node, back));
            assertEquals(Arrays.toString(Arrays.copyOf(originals, m)), Arrays.toString(Arrays.copyOf(back, m)));
            for (int i = 0; i < m; i++) {
                assertEquals(IntNode.id(node, i), originals[i] & (IntNode.MAX_ID - 1));
                assertEquals(originals[i] & (IntNode.MAX_ID - 1), IntNode.find(node, originals[i] >>> 22));
            }
        }
        assertNotEquals(0, dense, "some nodes should be dense");
        assertNotEquals(0, runLength, "some nodes should be run-length");
    }

    @Test
    void shouldKeepPackedOriginalsSortedThroughEdits() {
        SplittableRandom rnd = new SplittableRandom(9);
        int[] packed = new int[IntNode.CODES + 1];
        int[] byCode = new int[IntNode.CODES];
        int n = 0;
        for (int i = 0; i < 20_000; i++) {
            int code = 2 + rnd.nextInt(IntNode.CODES - 2);
            int id = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(IntNode.MAX_ID - 1);
            n = IntNode.edit(packed, 0, n, code, id);
            byCode[code] = id;
            assertEquals(id, IntNode.findPacked(packed, 0, n, code));
        }
        int expected = 0;
        for (int code = 0; code < IntNode.CODES; code++) {
            if (byCode[code] != 0) {
                assertEquals(byCode[code], IntNode.findPacked(packed, 0, n, code));
                expected++;
            }
        }
        assertEquals(expected, n);
        for (int i = 1; i < n; i++) {
            assertEquals(true, packed[i - 1] >>> 22 < packed[i] >>> 22, "ascending codes");
        }
    }

    @Test
    void shouldPaintARangeAsAFullPaintDoesAndLeaveTheRestAlone() {
        SplittableRandom rnd = new SplittableRandom(11);
        int[] packed = new int[IntNode.CODES + 1];
        int[] full = new int[256];
        int[] part = new int[256];
        for (int round = 0; round < 2_000; round++) {
            int n = 0;
            for (int k = rnd.nextInt(40); k > 0; k--) {
                n = IntNode.edit(packed, 0, n, IntNode.codeOf(rnd.nextInt(256), 1 + rnd.nextInt(8)), 1 + rnd.nextInt(100));
            }
            IntNode.paint(packed, n, 0, full);
            java.util.Arrays.fill(part, -7);
            int from = rnd.nextInt(256);
            int to = from + 1 + rnd.nextInt(256 - from);
            IntNode.paintRange(packed, n, 0, from, to, part);
            for (int s = 0; s < 256; s++) {
                assertEquals(s >= from && s < to ? full[s] : -7, part[s], "slot " + s + " of [" + from + ", " + to + ")");
            }
        }
    }
}
