package dev.keyroute.netlink.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random, truncated and bit-flipped datagrams: the parser must never throw, and must count what
 * it rejects. Seeds are fixed so failures reproduce.
 */
class ParserFuzzTest {
    private static final byte[] VALID = Datagrams.concat(
            Datagrams.hex(RtnlParserRecordedBytesTest.MULTIPATH_TABLE_1000),
            Datagrams.hex(RtnlParserRecordedBytesTest.VIA_INET6),
            RtnlParserValidationTest.goodRoute());

    @Test
    void shouldNeverThrowOnRandomBytesAndCountThemMalformed() {
        RtnlParser parser = new RtnlParser();
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] d = new byte[rnd.nextInt(0, 300)];
            rnd.nextBytes(d);
            Datagrams.parse(parser, d);
        }
        assertTrue(parser.stats().malformed() > 15_000, parser.stats().toString());
    }

    @Test
    void shouldNeverThrowOnEveryTruncationOfAValidDatagram() {
        RtnlParser parser = new RtnlParser();
        int complete = 0;
        for (int len = 0; len <= VALID.length; len++) {
            RecordingSink sink = Datagrams.parse(parser, Arrays.copyOf(VALID, len));
            if (sink.messages.size() == 3) {
                complete++;
            }
        }
        assertEquals(1, complete, "only the untruncated datagram holds all three messages");
        assertTrue(parser.stats().malformed() >= VALID.length - 3 * 16, parser.stats().toString());
    }

    @Test
    void shouldNeverThrowOnBitFlipsAndKeepCountsConsistent() {
        RtnlParser parser = new RtnlParser();
        SplittableRandom rnd = new SplittableRandom(7);
        long delivered = 0;
        long rejected = 0;
        for (int i = 0; i < 50_000; i++) {
            byte[] d = VALID.clone();
            for (int f = rnd.nextInt(1, 4); f > 0; f--) {
                d[rnd.nextInt(d.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
            long malformedBefore = parser.stats().malformed();
            RecordingSink sink = Datagrams.parse(parser, d);
            delivered += sink.messages.size() + sink.controls.size();
            rejected += sink.malformed.size();
            assertEquals(parser.stats().malformed() - malformedBefore, sink.malformed.size(),
                    "every rejection is both counted and reported");
        }
        assertEquals(rejected, parser.stats().malformed());
        assertTrue(parser.stats().malformed() > 0);
        assertTrue(delivered <= parser.stats().messages() && delivered > 0);
    }
}
