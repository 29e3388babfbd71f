package dev.keyroute.netlink.wire;

import java.nio.ByteBuffer;

/**
 * Flyweight over {@code struct nlmsgerr}, the payload of {@code NLMSG_ERROR} (and, with
 * {@code error == 0}, of an acknowledgement). With {@code NETLINK_CAP_ACK} only the original
 * header is echoed (flag {@code NLM_F_CAPPED}); extended-ack TLVs follow when the header carries
 * {@code NLM_F_ACK_TLVS}.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 error (negative errno, 0 = ack)               |
 * +---------------------------------------------------------------+
 * |            original nlmsghdr (16 bytes), see NlMsgHdr         |
 * +---------------------------------------------------------------+
 * |   original payload (absent when capped), then ext-ack TLVs    |
 * +---------------------------------------------------------------+
 * </pre>
 */
public final class NlMsgErr {
    public static final int ERROR = 0;
    public static final int ORIGINAL = 4;
    public static final int SIZE = 4 + NlMsgHdr.SIZE;

    private ByteBuffer buf;
    private int offset;

    public NlMsgErr wrap(ByteBuffer buf, int offset) {
        this.buf = buf;
        this.offset = offset;
        return this;
    }

    /** Negative errno, or 0 for an acknowledgement. */
    public int error() { return buf.getInt(offset + ERROR); }
    public int originalLength() { return buf.getInt(offset + ORIGINAL + NlMsgHdr.LEN); }
    public int originalSeq() { return buf.getInt(offset + ORIGINAL + NlMsgHdr.SEQ); }
}
