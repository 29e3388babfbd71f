package dev.keyroute.netlink.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.netlink.parse.Datagrams;
import dev.keyroute.netlink.parse.RtnlParser;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Errno;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.spec.Rta;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.netlink.wire.MessageWriter;
import dev.keyroute.netlink.wire.NlMsgHdr;
import dev.keyroute.netlink.wire.RtMsg;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Reply assembly on kernel-layout bytes: dump parts, DUMP_INTR, acks, errors with extended ack. */
class ReplyCollectorTest {
    private static final int PORT = 4711;
    private final RtnlParser parser = new RtnlParser();

    private static byte[] routePart(int seq, int pid, int extraFlags) {
        return Datagrams.message(seq, pid, w -> {
            w.begin(Rtm.RTM_NEWROUTE, Netlink.NLM_F_MULTI | extraFlags);
            new RtMsg().wrap(w.buffer(), w.reserve(RtMsg.SIZE)).family(AddressFamily.AF_INET).dstLen(8).table(254).type(1);
            w.attrBytes(Rta.RTA_DST, new byte[] {10, 0, 0, 0});
        });
    }

    private static byte[] done(int seq, int flags, int error) {
        return Datagrams.message(seq, PORT, w -> {
            w.begin(Netlink.NLMSG_DONE, Netlink.NLM_F_MULTI | flags);
            w.buffer().putInt(w.reserve(4), error);
        });
    }

    /** NLMSG_ERROR as the kernel sends it with NETLINK_CAP_ACK and NETLINK_EXT_ACK. */
    private static byte[] error(int seq, int error, String msg, boolean capped) {
        return Datagrams.message(seq, PORT, w -> {
            w.begin(Netlink.NLMSG_ERROR, (msg != null ? Netlink.NLM_F_ACK_TLVS : 0) | (capped ? Netlink.NLM_F_CAPPED : 0));
            ByteBuffer b = w.buffer();
            int at = w.reserve(4 + NlMsgHdr.SIZE);
            b.putInt(at, error);
            int echoed = capped ? NlMsgHdr.SIZE : NlMsgHdr.SIZE + 12;
            new NlMsgHdr().wrap(b, at + 4).length(echoed).type(Rtm.RTM_NEWROUTE).seq(seq).pid(PORT);
            if (!capped) {
                w.reserve(12); // the echoed request payload
            }
            if (msg != null) {
                w.attrString(Netlink.NLMSGERR_ATTR_MSG, msg);
                w.attrU32(Netlink.NLMSGERR_ATTR_OFFS, 36);
            }
        });
    }

    private ReplyCollector feed(int seq, byte[]... datagrams) {
        ReplyCollector c = new ReplyCollector(seq, PORT);
        for (byte[] d : datagrams) {
            parser.parse(Datagrams.buffer(d), d.length, c);
        }
        return c;
    }

    @Test
    void shouldCollectMultipartDumpUntilDone() {
        ReplyCollector c = feed(9, Datagrams.concat(routePart(9, PORT, 0), routePart(9, PORT, 0)), done(9, 0, 0));
        assertTrue(c.complete());
        assertFalse(c.interrupted());
        assertEquals(2, c.messages().size());
        assertEquals(0, c.errno());
    }

    @Test
    void shouldMarkDumpInterruptedWhenAnyPartCarriesDumpIntr() {
        ReplyCollector c = feed(9, routePart(9, PORT, 0), routePart(9, PORT, Netlink.NLM_F_DUMP_INTR), done(9, 0, 0));
        assertTrue(c.complete());
        assertTrue(c.interrupted());
        DumpResult r = new DumpResult(c.messages(), c.interrupted(), c.malformed());
        assertTrue(r.interrupted());
    }

    @Test
    void shouldMarkDumpInterruptedWhenOnlyDoneCarriesDumpIntr() {
        ReplyCollector c = feed(9, routePart(9, PORT, 0), done(9, Netlink.NLM_F_DUMP_INTR, 0));
        assertTrue(c.interrupted());
    }

    @Test
    void shouldSkipAndCountRepliesWithOtherSequenceOrPort() {
        ReplyCollector c = feed(9, routePart(8, PORT, 0), routePart(9, PORT + 1, 0), done(8, 0, 0), routePart(9, PORT, 0));
        assertFalse(c.complete(), "the stale DONE must not end our dump");
        assertEquals(3, c.stale());
        assertEquals(1, c.messages().size());
    }

    @Test
    void shouldTreatErrnoZeroAsAck() {
        ReplyCollector c = feed(5, error(5, 0, null, true));
        assertTrue(c.complete());
        assertEquals(0, c.errno());
    }

    @Test
    void shouldCarryErrnoAndExtendedAckFromCappedError() {
        ReplyCollector c = feed(5, error(5, -Errno.EINVAL, "Nexthop has invalid gateway", true));
        assertEquals(Errno.EINVAL, c.errno());
        assertEquals("Nexthop has invalid gateway", c.extAck());
    }

    @Test
    void shouldFindExtendedAckBehindEchoedRequestWhenNotCapped() {
        ReplyCollector c = feed(5, error(5, -Errno.ENODEV, "Device not found", false));
        assertEquals(Errno.ENODEV, c.errno());
        assertEquals("Device not found", c.extAck());
    }

    @Test
    void shouldReportDumpFailureFromDoneStatus() {
        ReplyCollector c = feed(9, done(9, 0, -Errno.EINVAL));
        assertTrue(c.complete());
        assertEquals(Errno.EINVAL, c.errno());
    }

    @Test
    void shouldFailRequestWhenItsAckIsMalformed() {
        byte[] e = error(5, 0, null, true);
        byte[] truncated = java.util.Arrays.copyOf(e, 24); // nlmsgerr needs 20 payload bytes, has 8
        ByteBuffer.wrap(truncated).order(java.nio.ByteOrder.nativeOrder()).putInt(NlMsgHdr.LEN, 24);
        ReplyCollector c = feed(5, truncated);
        assertTrue(c.complete());
        assertEquals(Errno.EINVAL, c.errno());
        assertTrue(c.extAck().startsWith("malformed reply"));
    }

    @Test
    void writerShouldProduceAlignedAttributes() {
        MessageWriter w = new MessageWriter(ByteBuffer.allocate(128).order(java.nio.ByteOrder.nativeOrder()));
        w.begin(Rtm.RTM_GETLINK, 0).attrString(3, "d0");
        assertEquals(NlMsgHdr.SIZE + 8, w.position());
        assertEquals(NlMsgHdr.SIZE + 8, w.finish(1, 0));
    }
}
