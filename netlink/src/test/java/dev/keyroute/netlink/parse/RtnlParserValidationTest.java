package dev.keyroute.netlink.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.netlink.AddressMessage;
import dev.keyroute.netlink.LinkMessage;
import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.UnknownMessage;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Ifa;
import dev.keyroute.netlink.spec.Ifla;
import dev.keyroute.netlink.spec.Rta;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.netlink.wire.IfAddrMsg;
import dev.keyroute.netlink.wire.IfInfoMsg;
import dev.keyroute.netlink.wire.MessageWriter;
import dev.keyroute.netlink.wire.RtMsg;
import java.net.InetAddress;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Table-driven attribute validation: bad messages are rejected and counted, good ones survive. */
class RtnlParserValidationTest {
    private final RtnlParser parser = new RtnlParser();

    static byte[] route(int family, int dstLen, Consumer<MessageWriter> attrs) {
        return Datagrams.message(1, 0, w -> {
            w.begin(Rtm.RTM_NEWROUTE, 0);
            new RtMsg().wrap(w.buffer(), w.reserve(RtMsg.SIZE)).family(family).dstLen(dstLen)
                    .table(Rtm.RT_TABLE_MAIN).type(Rtm.RTN_UNICAST);
            attrs.accept(w);
        });
    }

    static byte[] goodRoute() {
        return route(AddressFamily.AF_INET, 24, w -> w.attrBytes(Rta.RTA_DST, new byte[] {10, 1, 2, 0}).attrU32(Rta.RTA_OIF, 7));
    }

    @Test
    void shouldRejectAndCountRouteWithWrongLengthOifButKeepParsingTheDatagram() {
        byte[] bad = route(AddressFamily.AF_INET, 24, w -> w.attrBytes(Rta.RTA_DST, new byte[] {10, 1, 2, 0})
                .attrU16(Rta.RTA_OIF, 7));
        RecordingSink sink = Datagrams.parse(parser, Datagrams.concat(bad, goodRoute()));
        assertEquals(1, parser.stats().malformed());
        assertEquals(1, sink.messages.size());
        assertEquals(7, ((RouteMessage) sink.messages.get(0)).oif());
        assertTrue(sink.malformed.get(0).contains("u32 attribute 4"), sink.malformed.toString());
    }

    @Test
    void shouldRejectIpv4RouteCarryingSixteenByteDestination() {
        Datagrams.parse(parser, route(AddressFamily.AF_INET, 24, w -> w.attrBytes(Rta.RTA_DST, new byte[16])));
        assertEquals(1, parser.stats().malformed());
    }

    @Test
    void shouldRejectPrefixLengthBeyondFamily() {
        Datagrams.parse(parser, route(AddressFamily.AF_INET, 33, w -> w.attrBytes(Rta.RTA_DST, new byte[4])));
        assertEquals(1, parser.stats().malformed());
    }

    @Test
    void shouldRejectViaWithUnknownFamily() {
        Datagrams.parse(parser, route(AddressFamily.AF_INET, 0, w -> w.attrVia(Rta.RTA_VIA, 99, new byte[4])));
        assertEquals(1, parser.stats().malformed());
    }

    @Test
    void shouldRejectMultipathWhoseNexthopLengthOverrunsTheAttribute() {
        byte[] m = route(AddressFamily.AF_INET, 0, w -> {
            int mp = w.beginNested(Rta.RTA_MULTIPATH);
            int nh = w.beginNexthop(0, 1, 3);
            w.endNexthop(nh);
            w.buffer().putShort(nh, (short) 200);
            w.endNested(mp);
        });
        Datagrams.parse(parser, m);
        assertEquals(1, parser.stats().malformed());
    }

    @Test
    void shouldIgnoreUnknownAttributesAndDecodeTheRest() {
        byte[] m = route(AddressFamily.AF_INET, 24, w -> w.attrBytes(999, new byte[] {1, 2, 3})
                .attrBytes(Rta.RTA_DST, new byte[] {10, 9, 0, 0}).attrU32(Rta.RTA_PRIORITY, -1));
        RecordingSink sink = Datagrams.parse(parser, m);
        RouteMessage r = (RouteMessage) sink.messages.get(0);
        assertEquals(0xffffffffL, r.priority(), "metric is unsigned 32 bit");
        assertEquals(0, parser.stats().malformed());
    }

    @Test
    void shouldReportUnknownMessageTypeAndNonIpRouteFamilyWithoutFailing() {
        byte[] neigh = Datagrams.message(1, 0, w -> { w.begin(28, 0); w.reserve(12); });
        byte[] mpls = route(AddressFamily.AF_MPLS, 20, w -> w.attrBytes(Rta.RTA_DST, new byte[4]));
        RecordingSink sink = Datagrams.parse(parser, Datagrams.concat(neigh, mpls));
        assertInstanceOf(UnknownMessage.class, sink.messages.get(0));
        assertInstanceOf(UnknownMessage.class, sink.messages.get(1));
        assertEquals(2, parser.stats().unknown());
        assertEquals(0, parser.stats().malformed());
    }

    @Test
    void shouldStopAtHeaderWhoseLengthExceedsTheDatagram() {
        byte[] good = goodRoute();
        byte[] d = Datagrams.concat(good, good);
        d[good.length] = (byte) 0xff; // second header's nlmsg_len low byte: too long
        RecordingSink sink = Datagrams.parse(parser, d);
        assertEquals(1, sink.messages.size());
        assertEquals(1, parser.stats().malformed());
    }

    @Test
    void shouldDecodeLinkMessageAndRejectUnterminatedName() {
        Consumer<MessageWriter> header = w -> {
            w.begin(Rtm.RTM_DELLINK, 0);
            new IfInfoMsg().wrap(w.buffer(), w.reserve(IfInfoMsg.SIZE)).index(4).flags(Ifla.IFF_UP | Ifla.IFF_RUNNING);
        };
        byte[] good = Datagrams.message(1, 0, w -> { header.accept(w); w.attrString(Ifla.IFLA_IFNAME, "wg0").attrU32(Ifla.IFLA_MTU, 1420); });
        byte[] bad = Datagrams.message(1, 0, w -> { header.accept(w); w.attrBytes(Ifla.IFLA_IFNAME, new byte[] {'w', 'g'}); });
        RecordingSink sink = Datagrams.parse(parser, Datagrams.concat(good, bad));
        LinkMessage l = (LinkMessage) sink.messages.get(0);
        assertEquals(MessageKind.DEL, l.kind());
        assertTrue(l.isDeleted() && l.isUp() && l.isRunning());
        assertEquals("wg0", l.name());
        assertEquals(1420, l.mtu());
        assertEquals(1, parser.stats().malformed());
    }

    @Test
    void shouldDecodeAddressPreferringLocalAndFullFlags() throws Exception {
        byte[] m = Datagrams.message(1, 0, w -> {
            w.begin(Rtm.RTM_NEWADDR, 0);
            new IfAddrMsg().wrap(w.buffer(), w.reserve(IfAddrMsg.SIZE)).family(AddressFamily.AF_INET).prefixLen(32).index(9);
            w.attrBytes(Ifa.IFA_ADDRESS, new byte[] {10, 0, 0, 2}).attrBytes(Ifa.IFA_LOCAL, new byte[] {10, 0, 0, 1})
                    .attrU32(Ifa.IFA_FLAGS, Ifa.IFA_F_NODAD | Ifa.IFA_F_NOPREFIXROUTE);
        });
        AddressMessage a = (AddressMessage) Datagrams.parse(parser, m).messages.get(0);
        assertEquals(InetAddress.getByName("10.0.0.1"), a.address());
        assertEquals(InetAddress.getByName("10.0.0.2"), a.peer());
        assertEquals(Ifa.IFA_F_NODAD | Ifa.IFA_F_NOPREFIXROUTE, a.flags());
        assertNull(a.label());
    }
}
