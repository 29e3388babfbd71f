package dev.keyroute.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[fd00::1]:51820 | fd00::1 | 51820 | [fd00::1]:51820",
            "[FD00:0:0::0001]:1 | fd00::1 | 1 | [fd00::1]:1",
            "[::]:65535 | :: | 65535 | [::]:65535",
            "[2001:db8:0:0:1:0:0:1]:443 | 2001:db8::1:0:0:1 | 443 | [2001:db8::1:0:0:1]:443",
            "[fe80::1%eth0]:51820 | fe80::1%eth0 | 51820 | [fe80::1%eth0]:51820",
            "192.0.2.7:51820 | 192.0.2.7 | 51820 | 192.0.2.7:51820",
            "VPN.Example.com:4500 | vpn.example.com | 4500 | vpn.example.com:4500",
            "localhost:1 | localhost | 1 | localhost:1",
    })
    void shouldParseAndPrintCanonically(String text, String host, int port, String printed) {
        Endpoint e = Endpoint.parse(text);
        assertEquals(host, e.host());
        assertEquals(port, e.port());
        assertEquals(printed, e.toString());
        assertEquals(e, Endpoint.parse(printed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[fd00::1]", "[fd00::1]:", "[fd00::1:51820", "fd00::1", "fd00::1:51820", "[192.0.2.1]:5",
            "192.0.2.1:", ":51820", "host:0", "host:65536", "host:-1", "host:123456", "ho st:1", "-host:1",
            "a..b:1", "192.0.2:1", "256.0.0.1:1", "[fe80::1%]:1", "[fe80::1%a/b]:1", "[fd00::1]:5x"})
    void shouldRejectMalformedEndpoints(String text) {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(text));
    }

    @Test
    void shouldResolveLiteralWithoutLookup() throws Exception {
        Endpoint v6 = Endpoint.parse("[fd00::1]:51820");
        assertTrue(v6.isLiteral());
        InetSocketAddress a = v6.resolve();
        assertFalse(a.isUnresolved());
        assertEquals(InetAddress.getByName("fd00::1"), a.getAddress());
        assertEquals(51820, a.getPort());
        assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 9),
                Endpoint.parse("192.0.2.1:9").resolve());
    }

    @Test
    void shouldNotResolveNamesUntilAsked() {
        // An unresolvable name parses fine: no lookup happens at parse time.
        Endpoint e = Endpoint.parse("does-not-exist.invalid:51820");
        assertFalse(e.isLiteral());
        assertEquals("does-not-exist.invalid:51820", e.toString());
    }

    @Test
    void shouldResolveLocalhostOnExplicitCall() throws Exception {
        InetSocketAddress a = Endpoint.parse("localhost:51820").resolve();
        assertTrue(a.getAddress().isLoopbackAddress());
        assertEquals(51820, a.getPort());
    }

    @Test
    void shouldBuildFromSocketAddress() throws Exception {
        Endpoint e = Endpoint.of(new InetSocketAddress(InetAddress.getByName("fd00:0::2"), 7));
        assertEquals("[fd00::2]:7", e.toString());
        assertEquals(Endpoint.parse("10.1.2.3:4"), Endpoint.of(new InetSocketAddress("10.1.2.3", 4)));
        assertThrows(IllegalArgumentException.class,
                () -> Endpoint.of(InetSocketAddress.createUnresolved("example.com", 1)));
        byte[] ll = InetAddress.getByName("fe80::1").getAddress();
        assertEquals("[fe80::1%3]:5", Endpoint.of(java.net.Inet6Address.getByAddress(null, ll, 3), 5).toString());
    }
}
