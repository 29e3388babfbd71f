package dev.keyroute.daemon.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.wgcore.Interner;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTranslatorTest {
    private static final int KR = 7;
    private static final int OTHER = 2;

    private final Interner<NextHop> nextHops = new Interner<>();
    private final Interner<List<NextHop>> pathLists = new Interner<>();

    /** An IPv4 unicast route as the kernel reports it, with a fresh gateway address object. */
    private static RouteMessage route(String dst, int oif, String gateway) throws Exception {
        return new RouteMessage(MessageKind.NEW, 0, AddressFamily.AF_INET, InetAddress.getByName(dst), 24, 0, 254,
                Rtm.RTPROT_BOOT, Rtm.RT_SCOPE_UNIVERSE, Rtm.RTN_UNICAST, 0, 0, oif, InetAddress.getByName(gateway), null, 0,
                List.of());
    }

    private KernelRoute followed(RouteMessage m) {
        return RouteTranslator.followed(RouteTranslator.key(m), m, ifindex -> ifindex == KR, nextHops, pathLists);
    }

    @Test
    void shouldGiveRoutesViaTheSameNextHopOneSharedPathList() throws Exception {
        KernelRoute a = followed(route("10.1.0.0", KR, "10.0.0.2"));
        KernelRoute b = followed(route("10.2.0.0", KR, "10.0.0.2"));
        KernelRoute c = followed(route("10.3.0.0", KR, "10.0.0.3"));
        assertSame(a.paths(), b.paths(), "a million routes via a few next hops hold a few path lists");
        assertNotSame(a.paths(), c.paths());
        assertEquals(InetAddress.getByName("10.0.0.3"), c.paths().get(0).gateway());
    }

    @Test
    void shouldNotFollowARouteLeavingThroughAnotherDevice() throws Exception {
        assertNull(followed(route("10.4.0.0", OTHER, "192.0.2.1")));
    }
}
