package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.wire.RtAttr;
import dev.keyroute.netlink.wire.RtVia;
import dev.keyroute.netlink.spec.Netlink;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Index of the attributes of one message (or one nested block), validated against an
 * {@link AttrPolicy}: each known type maps to its payload offset and length. Reused between
 * messages by a single parser thread. A repeated attribute keeps its last occurrence, as the
 * kernel does.
 */
final class Attributes {
    private final int[] offset;
    private final int[] length;
    private final RtAttr attr = new RtAttr();
    private ByteBuffer buf;

    Attributes(int maxType) {
        offset = new int[maxType + 1];
        length = new int[maxType + 1];
    }

    /** Walks attributes in {@code [from, to)} and validates each known one. */
    void parse(ByteBuffer buf, int from, int to, AttrPolicy policy, int family) throws MalformedException {
        this.buf = buf;
        Arrays.fill(offset, -1);
        int at = from;
        while (to - at >= RtAttr.SIZE) {
            attr.wrap(buf, at);
            int len = attr.length();
            if (len < RtAttr.SIZE || len > to - at) {
                throw new MalformedException("attribute length " + len + " at " + at + " exceeds message");
            }
            int type = attr.type();
            String bad = policy.check(type, buf, attr.payloadOffset(), len - RtAttr.SIZE, family);
            if (bad != null) {
                throw new MalformedException(bad);
            }
            if (policy.rule(type) != null && type < offset.length) {
                offset[type] = attr.payloadOffset();
                length[type] = len - RtAttr.SIZE;
            }
            at += Netlink.align(len);
        }
        // A tail shorter than one attribute header is padding only if it is within the alignment.
        if (at < to && to - at >= Netlink.NLMSG_ALIGNTO) {
            throw new MalformedException("trailing bytes after attributes");
        }
    }

    boolean has(int type) {
        return offset[type] >= 0;
    }

    int payloadOffset(int type) {
        return offset[type];
    }

    int payloadLength(int type) {
        return length[type];
    }

    int u8(int type, int absent) {
        return has(type) ? Byte.toUnsignedInt(buf.get(offset[type])) : absent;
    }

    int u32(int type, int absent) {
        return has(type) ? buf.getInt(offset[type]) : absent;
    }

    long u32Unsigned(int type, long absent) {
        return has(type) ? Integer.toUnsignedLong(buf.getInt(offset[type])) : absent;
    }

    String string(int type) {
        if (!has(type)) {
            return null;
        }
        int at = offset[type];
        int n = 0;
        while (n < length[type] && buf.get(at + n) != 0) {
            n++;
        }
        byte[] b = new byte[n];
        buf.get(at, b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** An address attribute (length already validated), or null if absent. */
    InetAddress address(int type) {
        return has(type) ? readAddress(buf, offset[type], length[type]) : null;
    }

    /** The address inside an RTA_VIA (validated), or null if absent. */
    InetAddress via(int type) {
        return has(type) ? readAddress(buf, offset[type] + RtVia.ADDR, length[type] - RtVia.ADDR) : null;
    }

    static InetAddress readAddress(ByteBuffer buf, int at, int len) {
        byte[] b = new byte[len];
        buf.get(at, b);
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("validated address of length " + len, e);
        }
    }
}
