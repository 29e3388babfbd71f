package dev.keyroute.netlink.kernel;

import static dev.keyroute.netlink.spec.AddressFamily.AF_INET;
import static dev.keyroute.netlink.spec.AddressFamily.AF_INET6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.netlink.AddressMessage;
import dev.keyroute.netlink.KernelRtnl;
import dev.keyroute.netlink.LinkMessage;
import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.RouteRequest;
import dev.keyroute.netlink.spec.Errno;
import dev.keyroute.netlink.spec.Ifa;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.netlink.testing.MiniJson;
import dev.keyroute.netlink.testing.Privileges;
import dev.keyroute.netlink.testing.TestNetns;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link KernelRtnl} against the real kernel, inside a private network namespace. */
class KernelRtnlNetnsTest {
    private TestNetns ns;
    private KernelRtnl rtnl;
    private int d0;
    private int d1;

    @BeforeEach
    void setUp() throws Exception {
        Privileges.requireRoot();
        ns = TestNetns.create();
        ns.addUpLink("d0");
        ns.addUpLink("d1");
        rtnl = ns.thread().call(KernelRtnl::open);
        d0 = nl(() -> rtnl.linkIndex("d0"));
        d1 = nl(() -> rtnl.linkIndex("d1"));
        nl(() -> {
            rtnl.addAddress(d0, ip("10.0.0.1"), 24, false);
            rtnl.addAddress(d1, ip("10.0.1.1"), 24, false);
            rtnl.addAddress(d0, ip("fe80::1"), 64, true);
            return null;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        if (rtnl != null) {
            ns.thread().run(rtnl::close);
        }
        if (ns != null) {
            ns.close();
        }
    }

    private <T> T nl(Callable<T> c) throws Exception {
        return ns.thread().call(c);
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private Map<String, Object> ipRoute(String... args) {
        List<Map<String, Object>> routes = MiniJson.parseArray(ns.ip(args));
        assertEquals(1, routes.size(), "routes: " + routes);
        return routes.get(0);
    }

    @Test
    void shouldResolveLinkIndexByNameAndFailWithEnodevForUnknownName() throws Exception {
        assertEquals(ns.ifindex("d0"), d0);
        NetlinkException e = assertThrows(NetlinkException.class, () -> nl(() -> rtnl.linkIndex("nosuch0")));
        assertEquals(Errno.ENODEV, e.errno());
    }

    @Test
    void shouldAddIpv4RouteViaIpv4GatewayWithMetricAndProtocol() throws Exception {
        nl(() -> { rtnl.addRoute(RouteRequest.to(ip("10.1.0.0"), 24).gateway(ip("10.0.0.2")).oif(d0)
                .metric(10).protocol(Rtm.RTPROT_STATIC).build()); return null; });
        Map<String, Object> r = ipRoute("-j", "route", "show", "10.1.0.0/24");
        assertEquals("10.0.0.2", r.get("gateway"));
        assertEquals("d0", r.get("dev"));
        assertEquals(10L, r.get("metric"));
        assertEquals("static", r.get("protocol"));
    }

    @Test
    void shouldAddIpv4RouteViaInet6LinkLocalNextHop() throws Exception {
        nl(() -> { rtnl.addRoute(RouteRequest.to(ip("10.2.0.0"), 24).gateway(ip("fe80::2")).oif(d0).build()); return null; });
        Map<String, Object> r = ipRoute("-j", "route", "show", "10.2.0.0/24");
        @SuppressWarnings("unchecked")
        Map<String, Object> via = (Map<String, Object>) r.get("via");
        assertEquals("inet6", via.get("family"));
        assertEquals("fe80::2", via.get("host"));
        assertEquals("d0", r.get("dev"));
    }

    @Test
    void shouldAddIpv6RouteViaLinkLocalGateway() throws Exception {
        nl(() -> { rtnl.addRoute(RouteRequest.to(ip("2001:db8:1::"), 64).gateway(ip("fe80::2")).oif(d0).metric(7).build()); return null; });
        Map<String, Object> r = ipRoute("-j", "-6", "route", "show", "2001:db8:1::/64");
        assertEquals("fe80::2", r.get("gateway"));
        assertEquals(7L, r.get("metric"));
    }

    @Test
    void shouldAddRoutesInTable100AndInTableAbove255() throws Exception {
        nl(() -> {
            rtnl.addRoute(RouteRequest.to(ip("10.3.0.0"), 24).oif(d0).table(100).build());
            rtnl.addRoute(RouteRequest.to(ip("10.4.0.0"), 24).oif(d1).table(1000).build());
            return null;
        });
        assertEquals("d0", ipRoute("-j", "route", "show", "table", "100").get("dev"));
        assertEquals("d1", ipRoute("-j", "route", "show", "table", "1000").get("dev"));
        assertEquals("[]", ns.ip("-j", "route", "show", "10.3.0.0/24").strip());
        List<RouteMessage> t1000 = nl(() -> rtnl.dumpRoutes(AF_INET, 1000));
        assertEquals(1, t1000.size());
        assertEquals(1000, t1000.get(0).table());
        assertEquals(Rtm.RT_SCOPE_LINK, t1000.get(0).scope());
    }

    @Test
    void shouldAddMultipathRouteWithWeights() throws Exception {
        nl(() -> { rtnl.addRoute(RouteRequest.to(ip("10.5.0.0"), 24)
                .nextHop(new NextHop(d0, 2, 0, ip("10.0.0.2")))
                .nextHop(new NextHop(d1, 3, 0, ip("10.0.1.2"))).build()); return null; });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> hops = (List<Map<String, Object>>) ipRoute("-j", "route", "show", "10.5.0.0/24").get("nexthops");
        assertEquals(2, hops.size());
        assertEquals("10.0.0.2", hops.get(0).get("gateway"));
        assertEquals(2L, hops.get(0).get("weight"));
        assertEquals("d1", hops.get(1).get("dev"));
        assertEquals(3L, hops.get(1).get("weight"));
    }

    @Test
    void shouldReplaceRouteAndRefuseDuplicateAddWithEexist() throws Exception {
        RouteRequest first = RouteRequest.to(ip("10.6.0.0"), 24).gateway(ip("10.0.0.2")).oif(d0).build();
        nl(() -> { rtnl.addRoute(first); return null; });
        NetlinkException dup = assertThrows(NetlinkException.class, () -> nl(() -> { rtnl.addRoute(first); return null; }));
        assertEquals(Errno.EEXIST, dup.errno());
        nl(() -> { rtnl.replaceRoute(RouteRequest.to(ip("10.6.0.0"), 24).gateway(ip("10.0.1.2")).oif(d1).build()); return null; });
        Map<String, Object> r = ipRoute("-j", "route", "show", "10.6.0.0/24");
        assertEquals("10.0.1.2", r.get("gateway"));
        assertEquals("d1", r.get("dev"));
    }

    @Test
    void shouldDeleteRouteAndReportEsrchWhenAbsent() throws Exception {
        nl(() -> { rtnl.addRoute(RouteRequest.to(ip("10.7.0.0"), 24).oif(d0).metric(20).build()); return null; });
        RouteRequest del = RouteRequest.to(ip("10.7.0.0"), 24).metric(20).build();
        nl(() -> { rtnl.deleteRoute(del); return null; });
        assertEquals("[]", ns.ip("-j", "route", "show", "10.7.0.0/24").strip());
        NetlinkException e = assertThrows(NetlinkException.class, () -> nl(() -> { rtnl.deleteRoute(del); return null; }));
        assertEquals(Errno.ESRCH, e.errno());
    }

    @Test
    void shouldSurfaceKernelExtendedAckTextForUnreachableGateway() throws Exception {
        NetlinkException e = assertThrows(NetlinkException.class, () -> nl(() -> {
            rtnl.addRoute(RouteRequest.to(ip("10.8.0.0"), 24).gateway(ip("192.0.2.77")).build());
            return null;
        }));
        assertNotNull(e.extAck(), "kernel sent no extended ack: " + e);
        assertTrue(e.extAck().toLowerCase().contains("gateway"), e.extAck());
        assertTrue(e.getMessage().contains(e.extAck()));
    }

    @Test
    void shouldSurfaceExtendedAckForHostBitsInPrefix() throws Exception {
        NetlinkException e = assertThrows(NetlinkException.class, () -> nl(() -> {
            rtnl.addRoute(RouteRequest.to(ip("10.9.0.1"), 24).oif(d0).build());
            return null;
        }));
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("Invalid prefix for given prefix length", e.extAck().replaceAll("\\.$", ""));
    }

    @Test
    void shouldFailWithEnodevForRouteViaNonexistentDevice() throws Exception {
        NetlinkException e = assertThrows(NetlinkException.class, () -> nl(() -> {
            rtnl.addRoute(RouteRequest.to(ip("10.10.0.0"), 24).oif(9999).build());
            return null;
        }));
        assertEquals(Errno.ENODEV, e.errno());
    }

    @Test
    void shouldSetMtuAndLinkDownAndUp() throws Exception {
        nl(() -> { rtnl.setMtu(d0, 1400); rtnl.setLinkUp(d0, false); return null; });
        @SuppressWarnings("unchecked")
        Map<String, Object> link = MiniJson.parseArray(ns.ip("-j", "link", "show", "d0")).get(0);
        assertEquals(1400L, link.get("mtu"));
        assertFalse(((List<Object>) link.get("flags")).contains("UP"));
        LinkMessage down = nl(() -> rtnl.dumpLinks()).stream().filter(l -> l.ifindex() == d0).findFirst().orElseThrow();
        assertFalse(down.isUp());
        assertEquals(1400, down.mtu());
        assertEquals("d0", down.name());
        nl(() -> { rtnl.setLinkUp(d0, true); return null; });
        assertTrue(nl(() -> rtnl.dumpLinks()).stream().filter(l -> l.ifindex() == d0).findFirst().orElseThrow().isUp());
    }

    @Test
    void shouldAddNodadLinkLocalAndDumpItWithFlags() throws Exception {
        String shown = ns.ip("-6", "addr", "show", "dev", "d0");
        assertTrue(shown.contains("fe80::1/64"), shown);
        assertTrue(shown.contains("nodad"), shown);
        List<AddressMessage> addrs = nl(() -> rtnl.dumpAddresses(AF_INET6));
        AddressMessage ll = addrs.stream().filter(a -> a.address().equals(uncheckedIp("fe80::1"))).findFirst().orElseThrow();
        assertEquals(d0, ll.ifindex());
        assertEquals(64, ll.prefixLen());
        assertEquals(Rtm.RT_SCOPE_LINK, ll.scope());
        assertTrue((ll.flags() & Ifa.IFA_F_NODAD) != 0);
        assertTrue(nl(() -> rtnl.dumpAddresses(AF_INET)).stream().anyMatch(a -> a.address().equals(uncheckedIp("10.0.1.1")) && a.ifindex() == d1));
        nl(() -> { rtnl.deleteAddress(d0, ip("fe80::1"), 64); return null; });
        assertFalse(ns.ip("-6", "addr", "show", "dev", "d0").contains("fe80::1/64"));
    }

    private static InetAddress uncheckedIp(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
