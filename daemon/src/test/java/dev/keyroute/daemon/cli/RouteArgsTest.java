package dev.keyroute.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.netlink.RouteRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteArgsTest {
    private static final String KEY = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";

    private static List<String> words(String line) {
        return List.of(line.split(" "));
    }

    @Test
    void shouldEncodeIpv4PrefixAsRouteViaInet6LinkLocalOfTheKey() throws Exception {
        RouteArgs a = RouteArgs.parse(words("add 10.1.0.0/24 via-wgpeer " + KEY + " dev wg0 table 100 metric 7"));
        RouteRequest r = a.toRequest(5);
        assertEquals(InetAddress.getByName("fe80::31ea:e151:cff5:b8d2"), r.gateway());
        assertEquals(5, r.oif());
        assertEquals(100, r.table());
        assertEquals(7, r.metric());
        assertEquals(InetAddress.getByName("10.1.0.0"), r.dst());
        assertEquals(24, r.dstLen());
    }

    @Test
    void shouldDefaultToMainTableAndKernelMetric() throws Exception {
        RouteRequest r = RouteArgs.parse(words("replace 2001:db8::/32 via-wgpeer " + KEY + " dev wg0")).toRequest(3);
        assertEquals(254, r.table());
        assertEquals(RouteRequest.UNSET, r.metric());
        assertEquals(RouteArgs.Action.REPLACE, RouteArgs.parse(words("replace 10.0.0.0/8 via-wgpeer " + KEY + " dev x")).action());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "add 10.1.0.1/24 via-wgpeer " + KEY + " dev wg0",
        "add 10.1.0.0/33 via-wgpeer " + KEY + " dev wg0",
        "add bogus via-wgpeer " + KEY + " dev wg0",
        "add 10.1.0.0/24 via-wgpeer notakey dev wg0",
        "add 10.1.0.0/24 via-wgpeer " + KEY,
        "add 10.1.0.0/24 dev wg0 table 1",
        "add 10.1.0.0/24 via-wgpeer " + KEY + " dev wg0 metric -1",
        "add 10.1.0.0/24 via-wgpeer " + KEY + " dev wg0 table 0",
        "add 10.1.0.0/24 via-wgpeer " + KEY + " dev wg0 mtu 1400",
        "add 10.1.0.0/24 via-wgpeer " + KEY + " dev this-name-is-too-long",
        "frobnicate 10.1.0.0/24 via-wgpeer " + KEY + " dev wg0",
    })
    void shouldRejectMalformedInput(String line) {
        assertThrows(RouteArgs.UsageException.class, () -> RouteArgs.parse(words(line)));
    }

    @Test
    void shouldExitWithTwoAndSayWhyOnMalformedKey() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        RouteCommand c = new RouteCommand(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        c.words = words("add 10.1.0.0/24 via-wgpeer AAAA dev wg0");
        assertEquals(2, c.call());
        assertTrue(err.toString().contains("invalid public key"), err.toString());
    }
}
