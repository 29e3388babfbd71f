package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Iperf3ResultTest {
    /** The "end" section of a real iperf3 3.12 -J run, trimmed. */
    private static final String JSON = """
            {"end": {
              "streams": [{"sender": {"bytes": 1, "bits_per_second": 2}}],
              "sum_sent":\t{
                "start":\t0, "end":\t1.000579, "seconds":\t1.000579, "bytes":\t2354053120,
                "bits_per_second":\t18821527295.695789, "retransmits":\t2, "sender":\ttrue
              },
              "sum_received":\t{
                "start":\t0, "end":\t1.000659, "seconds":\t1.000659, "bytes":\t2354053120,
                "bits_per_second":\t1.8820022565129581e+10, "sender":\ttrue
              }
            }}""";

    @Test
    void shouldReadReceiverTotalsAndSenderRetransmits() {
        Iperf3Result r = Iperf3Result.parse(JSON);
        assertEquals(2354053120L, r.bytesReceived());
        assertEquals(18820.02, r.mbitsPerSecond(), 0.01);
        assertEquals(18821.53, r.bitsPerSecondSent() / 1e6, 0.01);
        assertEquals(2, r.retransmits());
    }

    @Test
    void shouldReportIperfErrorWhenTotalsAreMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Iperf3Result.parse("{\"start\": {}, \"error\": \"unable to connect to server\"}"));
        assertTrue(e.getMessage().contains("unable to connect"), e.getMessage());
    }
}
