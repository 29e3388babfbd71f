package dev.keyroute.netlink;

import dev.keyroute.netlink.spec.Errno;
import java.io.IOException;

/**
 * A failed netlink operation: a system call error or the kernel's NLMSG_ERROR reply, with the
 * errno and, when the kernel sent one (NETLINK_EXT_ACK), its extended-ack message such as
 * {@code "Nexthop device is not up"}.
 */
public class NetlinkException extends IOException {
    private final int errno;
    private final String extAck;

    public NetlinkException(String operation, int errno, String extAck) {
        super(operation + ": " + Errno.name(errno) + (extAck != null ? " (" + extAck + ")" : ""));
        this.errno = errno;
        this.extAck = extAck;
    }

    /** Positive errno, e.g. {@link Errno#EEXIST}. */
    public int errno() {
        return errno;
    }

    /** The kernel's extended-ack message (NLMSGERR_ATTR_MSG), or null if none was sent. */
    public String extAck() {
        return extAck;
    }
}
