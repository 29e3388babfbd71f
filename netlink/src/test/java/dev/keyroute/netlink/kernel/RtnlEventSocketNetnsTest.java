package dev.keyroute.netlink.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.netlink.AddressMessage;
import dev.keyroute.netlink.LinkMessage;
import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.Overrun;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.RtnlOptions;
import dev.keyroute.netlink.socket.RtnlEventSocket;
import dev.keyroute.netlink.spec.Rtnlgrp;
import dev.keyroute.netlink.testing.Privileges;
import dev.keyroute.netlink.testing.TestNetns;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multicast events from the real kernel, caused with the {@code ip} tool. */
class RtnlEventSocketNetnsTest {
    private TestNetns ns;
    private RtnlEventSocket events;
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
        d0 = ns.ifindex("d0");
        d1 = ns.ifindex("d1");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (events != null) {
            ns.thread().run(events::close);
        }
        if (ns != null) {
            ns.close();
        }
    }

    private void open(RtnlOptions options) throws Exception {
        events = ns.thread().call(() -> RtnlEventSocket.open(options, Rtnlgrp.routeFollowerGroups()));
    }

    /** Polls until the collected events satisfy {@code done} or 10 s pass. */
    private List<RtnlEvent> collectUntil(Predicate<List<RtnlEvent>> done) throws Exception {
        List<RtnlEvent> got = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.test(got) && System.nanoTime() < deadline) {
            ns.thread().call(() -> events.poll(Duration.ofMillis(200), got::add));
        }
        assertTrue(done.test(got), "events: " + got);
        return got;
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static List<RouteMessage> routes(List<RtnlEvent> evs, String dst) {
        return evs.stream().filter(e -> e instanceof RouteMessage r && r.dst().getHostAddress().equals(dst))
                .map(RouteMessage.class::cast).toList();
    }

    @Test
    void shouldReportRouteAddReplaceAndDeleteFromIpTool() throws Exception {
        open(RtnlOptions.EVENTS);
        ns.ip("route", "add", "10.1.0.0/24", "via", "inet6", "fe80::2", "dev", "d0", "table", "100", "metric", "9");
        ns.ip("route", "replace", "10.1.0.0/24", "via", "10.0.1.2", "dev", "d1", "table", "100", "metric", "9");
        ns.ip("route", "del", "10.1.0.0/24", "table", "100", "metric", "9");
        List<RouteMessage> r = routes(collectUntil(evs -> routes(evs, "10.1.0.0").size() >= 3), "10.1.0.0");
        RouteMessage add = r.get(0);
        assertEquals(MessageKind.NEW, add.kind());
        assertFalse(add.isReplace());
        assertEquals(ip("fe80::2"), add.gateway());
        assertEquals(d0, add.oif());
        assertEquals(100, add.table());
        assertEquals(9, add.priority());
        RouteMessage replace = r.get(1);
        assertTrue(replace.isReplace(), "NLM_F_REPLACE on the replace event");
        assertEquals(ip("10.0.1.2"), replace.gateway());
        assertEquals(d1, replace.oif());
        assertEquals(MessageKind.DEL, r.get(2).kind());
    }

    @Test
    void shouldReportIpv6MultipathRouteAsOneEventWithWeights() throws Exception {
        open(RtnlOptions.EVENTS);
        ns.ip("-6", "route", "add", "2001:db8:5::/64", "nexthop", "via", "fe80::2", "dev", "d0", "weight", "5",
                "nexthop", "via", "fe80::3", "dev", "d0", "weight", "2");
        List<RtnlEvent> evs = collectUntil(e -> routes(e, "2001:db8:5:0:0:0:0:0").stream().anyMatch(RouteMessage::isMultipath));
        RouteMessage m = routes(evs, "2001:db8:5:0:0:0:0:0").stream().filter(RouteMessage::isMultipath).findFirst().orElseThrow();
        assertEquals(List.of(new NextHop(d0, 5, 0, ip("fe80::2")), new NextHop(d0, 2, 0, ip("fe80::3"))), m.nexthops());
    }

    @Test
    void shouldReportLinkDownUpAndDeleteEvents() throws Exception {
        open(RtnlOptions.EVENTS);
        ns.ip("link", "set", "d1", "down");
        collectUntil(evs -> evs.stream().anyMatch(e -> e instanceof LinkMessage l && l.ifindex() == d1 && !l.isUp()));
        ns.ip("link", "set", "d1", "up");
        collectUntil(evs -> evs.stream().anyMatch(e -> e instanceof LinkMessage l && l.ifindex() == d1 && l.isUp()));
        ns.ip("link", "del", "d1");
        List<RtnlEvent> evs = collectUntil(e -> e.stream().anyMatch(x -> x instanceof LinkMessage l && l.isDeleted() && l.ifindex() == d1));
        LinkMessage del = evs.stream().filter(x -> x instanceof LinkMessage l && l.isDeleted() && l.ifindex() == d1)
                .map(LinkMessage.class::cast).findFirst().orElseThrow();
        assertEquals("d1", del.name());
    }

    @Test
    void shouldReportAddressAddAndDelete() throws Exception {
        open(RtnlOptions.EVENTS);
        ns.ip("-6", "addr", "add", "fe80::99/64", "dev", "d1", "nodad");
        ns.ip("-6", "addr", "del", "fe80::99/64", "dev", "d1");
        Predicate<RtnlEvent> ours = e -> e instanceof AddressMessage a && a.address().getHostAddress().startsWith("fe80:0:0:0:0:0:0:99");
        List<AddressMessage> a = collectUntil(evs -> evs.stream().filter(ours).count() >= 2).stream().filter(ours)
                .map(AddressMessage.class::cast).toList();
        assertEquals(MessageKind.NEW, a.get(0).kind());
        assertEquals(d1, a.get(0).ifindex());
        assertEquals(64, a.get(0).prefixLen());
        assertEquals(MessageKind.DEL, a.get(1).kind());
    }

    @Test
    void shouldDeliverOverrunWhenSmallReceiveBufferOverflowsAndKeepWorkingAfterwards() throws Exception {
        open(RtnlOptions.EVENTS.withReceiveBufferBytes(4096));
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            batch.append("route add 10.").append(64 + i / 256).append('.').append(i % 256).append(".0/24 dev d0\n");
        }
        ns.ipBatch(batch.toString()); // nobody reads while the kernel notifies 20k routes
        List<RtnlEvent> evs = collectUntil(e -> e.stream().anyMatch(x -> x instanceof Overrun));
        Overrun o = evs.stream().filter(x -> x instanceof Overrun).map(Overrun.class::cast).findFirst().orElseThrow();
        assertEquals(Overrun.Cause.ENOBUFS, o.cause());
        assertTrue(o.requiresResync());
        assertTrue(events.overruns() >= 1);
        long routeEvents = evs.stream().filter(x -> x instanceof RouteMessage).count();
        assertTrue(routeEvents < 20_000, "a 4 KiB buffer cannot have held all events: " + routeEvents);
        // The socket stays usable: later events arrive after the overrun.
        ns.ip("route", "add", "10.250.0.0/24", "dev", "d1");
        collectUntil(e -> !routes(e, "10.250.0.0").isEmpty());
    }
}
