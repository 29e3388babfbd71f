package dev.keyroute.wgcore.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Tai64nTest {
    @Test
    void shouldEncodeLabelAndWhitenedNanosBigEndian() {
        long epochNanos = 1_700_000_000L * 1_000_000_000L + 123_456_789L;
        // 123456789 & ~0xffffff = 117440512 = 0x07000000
        assertEquals("400000006553f10a" + "07000000", HexFormat.of().formatHex(Tai64n.now(epochNanos)));
    }

    @Test
    void shouldOrderTimestampsByTime() {
        byte[] a = Tai64n.now(1_000_000_000L * 5);
        byte[] b = Tai64n.now(1_000_000_000L * 5 + 500_000_000L);
        byte[] c = Tai64n.now(1_000_000_000L * 6);
        assertTrue(Tai64n.compare(a, b) < 0);
        assertTrue(Tai64n.compare(b, c) < 0);
        assertEquals(0, Tai64n.compare(c, Tai64n.now(1_000_000_000L * 6 + 1000)));
    }
}
