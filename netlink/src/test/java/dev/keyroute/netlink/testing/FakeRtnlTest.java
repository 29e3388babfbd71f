package dev.keyroute.netlink.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.netlink.DumpInterruptedException;
import dev.keyroute.netlink.LinkMessage;
import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.Overrun;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.RouteRequest;
import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Errno;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fake behaves like the kernel where the daemon can observe it. */
class FakeRtnlTest {
    private final FakeRtnl fake = new FakeRtnl();

    private List<RtnlEvent> drain() {
        List<RtnlEvent> out = new ArrayList<>();
        fake.events().poll(Duration.ZERO, out::add);
        return out;
    }

    @Test
    void shouldPublishRouteEventsAndEnforceKernelErrors() throws Exception {
        int wg0 = fake.addLink("wg0", 1420);
        RouteRequest r = RouteRequest.to(InetAddress.getByName("10.1.0.0"), 24)
                .gateway(InetAddress.getByName("fe80::1")).oif(wg0).build();
        fake.addRoute(r);
        assertEquals(Errno.EEXIST, assertThrows(NetlinkException.class, () -> fake.addRoute(r)).errno());
        fake.replaceRoute(r);
        fake.deleteRoute(r);
        assertEquals(Errno.ESRCH, assertThrows(NetlinkException.class, () -> fake.deleteRoute(r)).errno());
        List<RtnlEvent> evs = drain();
        assertTrue(evs.get(0) instanceof LinkMessage);
        RouteMessage add = (RouteMessage) evs.get(1);
        assertEquals(InetAddress.getByName("fe80::1"), add.gateway());
        assertTrue(((RouteMessage) evs.get(2)).isReplace());
        assertEquals(MessageKind.DEL, ((RouteMessage) evs.get(3)).kind());
    }

    @Test
    void shouldFlushIpv4RoutesSilentlyWhenLinkGoesDown() throws Exception {
        int wg0 = fake.addLink("wg0", 1420);
        fake.addRoute(RouteRequest.to(InetAddress.getByName("10.1.0.0"), 24).oif(wg0).build());
        fake.addRoute(RouteRequest.to(InetAddress.getByName("2001:db8::"), 64).oif(wg0).build());
        drain();
        fake.setLinkUp(wg0, false);
        List<RtnlEvent> evs = drain();
        assertEquals(1, evs.size(), "only the link event, no RTM_DELROUTE: " + evs);
        assertEquals(List.of(), fake.dumpRoutes(AddressFamily.AF_INET));
        assertEquals(1, fake.dumpRoutes(AddressFamily.AF_INET6).size());
        assertEquals(1024, fake.dumpRoutes(AddressFamily.AF_INET6).get(0).priority());
    }

    @Test
    void shouldInjectOverrunsInterruptedDumpsAndRequestFailures() throws Exception {
        fake.events().injectOverrun();
        assertTrue(drain().get(0) instanceof Overrun o && o.total() == 1);
        assertEquals(1, fake.events().overruns());
        fake.interruptNextDumps(1);
        assertThrows(DumpInterruptedException.class, () -> fake.dumpRoutes(AddressFamily.AF_INET));
        assertEquals(List.of(), fake.dumpRoutes(AddressFamily.AF_INET));
        fake.failNextRequest(Errno.EINVAL, "Nexthop has invalid gateway");
        NetlinkException e = assertThrows(NetlinkException.class, () -> fake.linkIndex("x"));
        assertEquals("Nexthop has invalid gateway", e.extAck());
    }
}
