package dev.keyroute.netlink.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.spec.Rtm;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RTM_NEWROUTE events recorded from a 6.18 kernel (x86-64, little endian), produced by
 * <pre>
 * ip route add 10.2.0.0/24 table 1000 metric 5 proto static \
 *     nexthop via 10.0.0.2 dev d0 weight 2 nexthop via inet6 fe80::3 dev d0 weight 1   (d0 = 3)
 * ip route add 10.3.0.0/24 via inet6 fe80::2 dev d1                                   (d1 = 5)
 * </pre>
 */
class RtnlParserRecordedBytesTest {
    static final String MULTIPATH_TABLE_1000 =
            "6800000018000006cbb1076b9753000002180000fc0400010000000008000f00e8030000080001000a020000"
            + "0800060005000000340009001000000103000000080005000a0000022000000003000000160012000a00fe80"
            + "00000000000000000000000000030000";
    static final String VIA_INET6 =
            "4c00000018000006cbb1076b9853000002180000fe0300010000000008000f00fe000000080001000a030000"
            + "160012000a00fe80000000000000000000000000000200000800040005000000";

    private final RtnlParser parser = new RtnlParser();

    @BeforeEach
    void littleEndianHost() {
        assumeTrue(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN, "recorded on a little-endian host");
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void shouldDecodeRecordedMultipathRouteWithTableAbove255AndViaNextHop() throws Exception {
        RecordingSink sink = Datagrams.parse(parser, Datagrams.hex(MULTIPATH_TABLE_1000));
        assertEquals(1, sink.messages.size());
        RouteMessage r = (RouteMessage) sink.messages.get(0);
        assertEquals(MessageKind.NEW, r.kind());
        assertEquals(Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL, r.nlFlags());
        assertEquals(AddressFamily.AF_INET, r.family());
        assertEquals(ip("10.2.0.0"), r.dst());
        assertEquals(24, r.dstLen());
        assertEquals(1000, r.table(), "RTA_TABLE wins over rtm_table = RT_TABLE_COMPAT");
        assertEquals(Rtm.RTPROT_STATIC, r.protocol());
        assertEquals(Rtm.RT_SCOPE_UNIVERSE, r.scope());
        assertEquals(Rtm.RTN_UNICAST, r.type());
        assertEquals(5, r.priority());
        assertEquals(List.of(new NextHop(3, 2, 0, ip("10.0.0.2")), new NextHop(3, 1, 0, ip("fe80::3"))), r.nexthops());
        assertEquals(0, parser.stats().malformed());
    }

    @Test
    void shouldDecodeRecordedIpv4RouteViaInet6() throws Exception {
        RecordingSink sink = Datagrams.parse(parser, Datagrams.hex(VIA_INET6));
        RouteMessage r = (RouteMessage) sink.messages.get(0);
        assertEquals(ip("10.3.0.0"), r.dst());
        assertEquals(Rtm.RT_TABLE_MAIN, r.table());
        assertEquals(ip("fe80::2"), r.gateway());
        assertEquals(5, r.oif());
        assertEquals(0, r.priority());
        assertFalse(r.isMultipath());
        assertEquals(List.of(new NextHop(5, 1, 0, ip("fe80::2"))), r.paths());
    }

    @Test
    void shouldDecodeBothMessagesPackedInOneDatagram() {
        byte[] d = Datagrams.concat(Datagrams.hex(MULTIPATH_TABLE_1000), Datagrams.hex(VIA_INET6));
        RecordingSink sink = Datagrams.parse(parser, d);
        assertEquals(2, sink.messages.size());
        assertEquals(2, parser.stats().messages());
    }
}
