package dev.keyroute.netlink.wire;

import dev.keyroute.netlink.spec.Netlink;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes one netlink request into a reusable buffer: header, fixed family header, attributes
 * (padded to 4 bytes), nested attributes and RTA_MULTIPATH elements. Not thread-safe; reused per
 * request by its socket.
 */
public final class MessageWriter {
    private final ByteBuffer buf;
    private final NlMsgHdr hdr = new NlMsgHdr();
    private int pos;

    /** @param buf a buffer in native byte order, e.g. a direct view of native memory. */
    public MessageWriter(ByteBuffer buf) {
        if (buf.order() != ByteOrder.nativeOrder()) {
            throw new IllegalArgumentException("netlink buffers must use native byte order");
        }
        this.buf = buf;
    }

    public ByteBuffer buffer() { return buf; }

    /** Current write position, i.e. the message length so far. */
    public int position() { return pos; }

    /** Starts a new message at offset 0; seq and pid are set by {@link #finish}. */
    public MessageWriter begin(int type, int flags) {
        pos = 0;
        zero(NlMsgHdr.SIZE);
        hdr.wrap(buf, 0).type(type).flags(flags);
        return this;
    }

    /** Adds flags to the header of the message being written. */
    public MessageWriter addFlags(int flags) {
        hdr.flags(hdr.flags() | flags);
        return this;
    }

    public int flags() { return hdr.flags(); }
    public int type() { return hdr.type(); }

    /** Reserves {@code size} zeroed bytes (aligned) and returns their offset. */
    public int reserve(int size) {
        int at = pos;
        zero(Netlink.align(size));
        return at;
    }

    public MessageWriter attrU8(int type, int v) {
        int at = attrHeader(type, 1);
        buf.put(at + RtAttr.SIZE, (byte) v);
        return this;
    }

    public MessageWriter attrU16(int type, int v) {
        int at = attrHeader(type, 2);
        buf.putShort(at + RtAttr.SIZE, (short) v);
        return this;
    }

    public MessageWriter attrU32(int type, int v) {
        int at = attrHeader(type, 4);
        buf.putInt(at + RtAttr.SIZE, v);
        return this;
    }

    public MessageWriter attrBytes(int type, byte[] v) {
        int at = attrHeader(type, v.length);
        buf.put(at + RtAttr.SIZE, v);
        return this;
    }

    /** NUL-terminated string attribute (IFLA_IFNAME, IFA_LABEL). */
    public MessageWriter attrString(int type, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int at = attrHeader(type, b.length + 1);
        buf.put(at + RtAttr.SIZE, b);
        return this;
    }

    /** RTA_VIA: {@code struct rtvia} with the address family and raw address. */
    public MessageWriter attrVia(int type, int family, byte[] address) {
        int at = attrHeader(type, RtVia.ADDR + address.length);
        buf.putShort(at + RtAttr.SIZE + RtVia.FAMILY, (short) family);
        buf.put(at + RtAttr.SIZE + RtVia.ADDR, address);
        return this;
    }

    /** Opens a nested attribute; close it with {@link #endNested}. */
    public int beginNested(int type) {
        return attrHeader(type, 0);
    }

    public MessageWriter endNested(int at) {
        buf.putShort(at + RtAttr.LEN, (short) (pos - at));
        return this;
    }

    /** Opens one {@code struct rtnexthop} inside RTA_MULTIPATH; close it with {@link #endNexthop}. */
    public int beginNexthop(int flags, int weight, int ifindex) {
        int at = reserve(RtNexthop.SIZE);
        new RtNexthop().wrap(buf, at).flags(flags).hops(weight - 1).ifindex(ifindex);
        return at;
    }

    public MessageWriter endNexthop(int at) {
        buf.putShort(at + RtNexthop.LEN, (short) (pos - at));
        return this;
    }

    /** Writes length, sequence number and port id; returns the message length. */
    public int finish(int seq, int pid) {
        hdr.length(pos).seq(seq).pid(pid);
        return pos;
    }

    private int attrHeader(int type, int payload) {
        int at = pos;
        int len = RtAttr.SIZE + payload;
        if (len > 0xffff) {
            throw new IllegalArgumentException("attribute too long: " + payload);
        }
        zero(Netlink.align(len));
        buf.putShort(at + RtAttr.LEN, (short) len);
        buf.putShort(at + RtAttr.TYPE, (short) type);
        return at;
    }

    private void zero(int n) {
        if (pos + n > buf.capacity()) {
            throw new IllegalStateException("netlink request exceeds buffer of " + buf.capacity() + " bytes");
        }
        for (int i = 0; i < n; i++) {
            buf.put(pos + i, (byte) 0);
        }
        pos += n;
    }
}
