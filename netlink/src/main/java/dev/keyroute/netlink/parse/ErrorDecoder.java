package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.wire.NlMsgErr;
import dev.keyroute.netlink.wire.NlMsgHdr;
import java.nio.ByteBuffer;

/**
 * Decodes NLMSG_ERROR (errno and extended ack) and NLMSG_DONE (dump status and extended ack).
 * Results are left in {@link #errno()} and {@link #extAck()} until the next call.
 */
final class ErrorDecoder {
    private final NlMsgErr err = new NlMsgErr();
    private final Attributes attrs = new Attributes(Policies.EXT_ACK.maxType());
    private int errno;
    private String extAck;

    int errno() { return errno; }
    String extAck() { return extAck; }

    void decodeError(ByteBuffer buf, NlHeader h, int at, int end) throws MalformedException {
        if (end - at < NlMsgErr.SIZE) {
            throw new MalformedException("nlmsgerr truncated");
        }
        err.wrap(buf, at);
        errno = -err.error();
        if (errno < 0) {
            throw new MalformedException("positive error " + err.error());
        }
        extAck = null;
        if (h.hasFlag(Netlink.NLM_F_ACK_TLVS)) {
            int tlvs = at + NlMsgErr.SIZE;
            if (!h.hasFlag(Netlink.NLM_F_CAPPED)) {
                int orig = err.originalLength();
                if (orig < NlMsgHdr.SIZE || orig - NlMsgHdr.SIZE > end - tlvs) {
                    throw new MalformedException("echoed request length " + orig);
                }
                tlvs += Netlink.align(orig - NlMsgHdr.SIZE);
            }
            extAck = readExtAck(buf, Math.min(tlvs, end), end);
        }
    }

    void decodeDone(ByteBuffer buf, NlHeader h, int at, int end) throws MalformedException {
        errno = 0;
        extAck = null;
        if (end - at >= 4) {
            errno = -buf.getInt(at);
            if (errno < 0) {
                throw new MalformedException("positive dump status " + -errno);
            }
            if (h.hasFlag(Netlink.NLM_F_ACK_TLVS)) {
                extAck = readExtAck(buf, at + 4, end);
            }
        }
    }

    private String readExtAck(ByteBuffer buf, int from, int end) throws MalformedException {
        attrs.parse(buf, from, end, Policies.EXT_ACK, AddressFamily.AF_UNSPEC);
        String msg = attrs.string(Netlink.NLMSGERR_ATTR_MSG);
        return msg == null ? null : msg.strip();
    }
}
