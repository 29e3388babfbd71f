package dev.keyroute.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MonitorLineTest {
    private static final String ADD = "7 add prefix=10.1.0.0/24 peer=AbC+/= source=route table=254 protocol=186 metric=20";

    @Test
    void shouldPrintDeltaLikeIpMonitor() {
        assertEquals("add 10.1.0.0/24 peer AbC+/= source route table 254 protocol 186 metric 20 seq 7",
                MonitorLine.parse(ADD).text());
    }

    @Test
    void shouldPrintDeltaAsOneJsonObjectWithNumbers() {
        assertEquals("{\"interface\":\"wg0\",\"seq\":7,\"event\":\"add\",\"prefix\":\"10.1.0.0/24\",\"peer\":\"AbC+/=\","
                        + "\"source\":\"route\",\"table\":254,\"protocol\":186,\"metric\":20}",
                MonitorLine.parse(ADD).json("wg0"));
    }

    @Test
    void shouldPrintSnapshotAndOverrunLinesWithoutSequencePrefix() {
        assertEquals("{\"interface\":\"wg0\",\"event\":\"overrun\",\"seq\":12}", MonitorLine.parse("overrun seq=12").json("wg0"));
        assertEquals("snapshot seq 3", MonitorLine.parse("snapshot seq=3").text());
        assertEquals("conflict 10.0.0.0/8 reason a\\\"b", MonitorLine.parse("conflict prefix=10.0.0.0/8 reason=a\\\"b").text());
        assertEquals("{\"interface\":\"w\",\"event\":\"conflict\",\"reason\":\"a\\\\\\\"b\"}",
                MonitorLine.parse("conflict reason=a\\\"b").json("w"));
    }
}
