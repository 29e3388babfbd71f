package dev.keyroute.netlink.kernel;

import static dev.keyroute.netlink.spec.AddressFamily.AF_INET;
import static dev.keyroute.netlink.spec.AddressFamily.AF_INET6;
import static dev.keyroute.netlink.spec.AddressFamily.AF_UNSPEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.netlink.KernelRtnl;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.netlink.testing.Privileges;
import dev.keyroute.netlink.testing.TestNetns;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routes made with the {@code ip} tool, read back through our dump parser. */
class KernelDumpNetnsTest {
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
        ns.ip("addr", "add", "10.0.0.1/24", "dev", "d0");
        ns.ip("addr", "add", "10.0.1.1/24", "dev", "d1");
        ns.ip("-6", "addr", "add", "fe80::1/64", "dev", "d0", "nodad");
        ns.ip("-6", "addr", "add", "2001:db8:ff::1/64", "dev", "d1", "nodad");
        d0 = ns.ifindex("d0");
        d1 = ns.ifindex("d1");
        rtnl = ns.thread().call(KernelRtnl::open);
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

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private RouteMessage only(List<RouteMessage> routes, String dst, int len) throws Exception {
        InetAddress a = ip(dst);
        List<RouteMessage> m = routes.stream().filter(r -> r.dst().equals(a) && r.dstLen() == len).toList();
        assertEquals(1, m.size(), "routes for " + dst + "/" + len + ": " + routes);
        return m.get(0);
    }

    @Test
    void shouldParseIpv4RouteViaInet6NextHopFromDump() throws Exception {
        ns.ip("route", "add", "10.1.0.0/24", "via", "inet6", "fe80::2", "dev", "d0", "proto", "babel", "metric", "33");
        RouteMessage r = only(ns.thread().call(() -> rtnl.dumpRoutes(AF_INET)), "10.1.0.0", 24);
        assertEquals(ip("fe80::2"), r.gateway());
        assertEquals(d0, r.oif());
        assertEquals(33, r.priority());
        assertEquals(Rtm.RTPROT_BABEL, r.protocol());
        assertEquals(Rtm.RT_TABLE_MAIN, r.table());
        assertEquals(Rtm.RTN_UNICAST, r.type());
        assertEquals(List.of(new NextHop(d0, 1, 0, ip("fe80::2"))), r.paths());
    }

    @Test
    void shouldParseMultipathWeightsAndTableFromDump() throws Exception {
        ns.ip("route", "add", "10.2.0.0/24", "table", "100", "metric", "5",
                "nexthop", "via", "10.0.0.2", "dev", "d0", "weight", "2",
                "nexthop", "via", "inet6", "fe80::3", "dev", "d0", "weight", "1",
                "nexthop", "via", "10.0.1.2", "dev", "d1", "weight", "3");
        List<RouteMessage> t100 = ns.thread().call(() -> rtnl.dumpRoutes(AF_INET, 100));
        RouteMessage r = only(t100, "10.2.0.0", 24);
        assertEquals(100, r.table());
        assertEquals(5, r.priority());
        assertTrue(r.isMultipath());
        assertEquals(List.of(new NextHop(d0, 2, 0, ip("10.0.0.2")), new NextHop(d0, 1, 0, ip("fe80::3")),
                new NextHop(d1, 3, 0, ip("10.0.1.2"))), r.nexthops());
        assertTrue(t100.stream().allMatch(x -> x.table() == 100), "table filter: " + t100);
    }

    @Test
    void shouldParseIpv6RoutesIncludingMultipathAndTableAbove255() throws Exception {
        ns.ip("-6", "route", "add", "2001:db8:1::/48", "via", "fe80::2", "dev", "d0", "metric", "7");
        ns.ip("-6", "route", "add", "2001:db8:2::/48", "table", "4000",
                "nexthop", "via", "fe80::2", "dev", "d0", "weight", "4",
                "nexthop", "via", "2001:db8:ff::2", "dev", "d1");
        RouteMessage single = only(ns.thread().call(() -> rtnl.dumpRoutes(AF_INET6)), "2001:db8:1::", 48);
        assertEquals(ip("fe80::2"), single.gateway());
        assertEquals(7, single.priority());
        assertEquals(d0, single.oif());
        RouteMessage multi = only(ns.thread().call(() -> rtnl.dumpRoutes(AF_INET6, 4000)), "2001:db8:2::", 48);
        assertEquals(4000, multi.table());
        assertEquals(List.of(new NextHop(d0, 4, 0, ip("fe80::2")), new NextHop(d1, 1, 0, ip("2001:db8:ff::2"))),
                multi.nexthops());
    }

    @Test
    void shouldParseBlackholeDefaultAndReplacedRoutes() throws Exception {
        ns.ip("route", "add", "blackhole", "10.3.0.0/16");
        ns.ip("route", "add", "default", "via", "10.0.0.254", "dev", "d0");
        ns.ip("route", "add", "10.4.0.0/24", "dev", "d0");
        ns.ip("route", "replace", "10.4.0.0/24", "via", "10.0.1.9", "dev", "d1");
        List<RouteMessage> all = ns.thread().call(() -> rtnl.dumpRoutes(AF_UNSPEC));
        RouteMessage bh = only(all, "10.3.0.0", 16);
        assertEquals(Rtm.RTN_BLACKHOLE, bh.type());
        assertEquals(List.of(), bh.paths());
        RouteMessage def = only(all, "0.0.0.0", 0);
        assertEquals(ip("10.0.0.254"), def.gateway());
        RouteMessage replaced = only(all, "10.4.0.0", 24);
        assertEquals(d1, replaced.oif());
        assertEquals(ip("10.0.1.9"), replaced.gateway());
        RouteMessage connected = only(all, "10.0.0.0", 24);
        assertEquals(Rtm.RTPROT_KERNEL, connected.protocol());
        assertEquals(Rtm.RT_SCOPE_LINK, connected.scope());
        assertEquals(ip("10.0.0.1"), connected.prefSrc());
        assertNull(connected.gateway());
        assertTrue(all.stream().anyMatch(r -> r.family() == AF_INET6), "AF_UNSPEC dump holds both families");
        assertTrue(all.stream().anyMatch(r -> r.table() == Rtm.RT_TABLE_LOCAL), "all tables dumped");
    }

    @Test
    void shouldDumpThousandsOfRoutesAcrossManyDatagrams() throws Exception {
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            batch.append("route add 10.").append(100 + i / 256).append('.').append(i % 256).append(".0/24 dev d0\n");
        }
        ns.ipBatch(batch.toString());
        List<RouteMessage> main = ns.thread().call(() -> rtnl.dumpRoutes(AF_INET, Rtm.RT_TABLE_MAIN));
        assertEquals(3000 + 2, main.size()); // plus the two connected /24s
        assertEquals(0, rtnl.socket().parserStats().malformed());
    }
}
