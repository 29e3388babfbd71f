package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WgDumpTest {
    private static final String PRIV = "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=";
    private static final String PUB = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";
    private static final String PEER = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";

    @Test
    void shouldParseInterfaceAndPeerLines() {
        WgDump d = WgDump.parse(PRIV + "\t" + PUB + "\t51820\toff\n"
                + PEER + "\t(none)\t192.168.241.2:51820\t10.241.0.2/32,fd00:6b72::2/128\t1700000000\t1234\t5678\toff\n");
        assertEquals(PUB, d.publicKey());
        assertEquals(51820, d.listenPort());
        WgDump.Peer p = d.peer(PEER).orElseThrow();
        assertEquals("192.168.241.2:51820", p.endpoint());
        assertEquals(List.of("10.241.0.2/32", "fd00:6b72::2/128"), p.allowedIps());
        assertEquals(1700000000L, p.latestHandshake());
        assertEquals(1234L, p.rxBytes());
        assertEquals(5678L, p.txBytes());
    }

    @Test
    void shouldParsePeerWithoutAllowedIpsAsEmptyList() {
        WgDump d = WgDump.parse("(none)\t(none)\t0\toff\n" + PEER + "\t(none)\t(none)\t(none)\t0\t0\t0\toff");
        assertEquals(List.of(), d.peers().get(0).allowedIps());
    }

    @Test
    void shouldNotShowPrivateKeyInToString() {
        WgDump d = WgDump.parse(PRIV + "\t" + PUB + "\t51820\toff\n");
        assertFalse(d.toString().contains(PRIV), d.toString());
    }

    @Test
    void shouldRejectLineWithWrongFieldCount() {
        assertThrows(IllegalArgumentException.class, () -> WgDump.parse(PRIV + "\t" + PUB + "\t51820\n"));
    }
}
