package dev.keyroute.netlink.socket;

import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.parse.NlHeader;
import dev.keyroute.netlink.parse.ParseSink;
import dev.keyroute.netlink.spec.Netlink;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the reply to one request, fed by the parser datagram after datagram: data messages,
 * then the acknowledgement (NLMSG_ERROR, errno 0), an error, or for a dump NLMSG_DONE. Messages
 * with another sequence number or port id (late replies to an abandoned request) are counted as
 * stale and skipped. Any message carrying NLM_F_DUMP_INTR marks the dump interrupted.
 */
public final class ReplyCollector implements ParseSink {
    private final int seq;
    private final int portId;
    private final List<RtnlEvent> messages = new ArrayList<>();
    private boolean complete;
    private boolean interrupted;
    private int errno;
    private String extAck;
    private int stale;
    private int malformed;

    public ReplyCollector(int seq, int portId) {
        this.seq = seq;
        this.portId = portId;
    }

    private boolean ours(NlHeader h) {
        if (h.seq() == seq && h.pid() == portId) {
            return true;
        }
        stale++;
        return false;
    }

    @Override
    public void message(NlHeader h, RtnlEvent m) {
        if (!ours(h)) {
            return;
        }
        if (h.hasFlag(Netlink.NLM_F_DUMP_INTR)) {
            interrupted = true;
        }
        messages.add(m);
    }

    @Override
    public void error(NlHeader h, int errno, String extAck) {
        if (ours(h)) {
            finish(errno, extAck);
        }
    }

    @Override
    public void done(NlHeader h, int errno, String extAck) {
        if (ours(h)) {
            if (h.hasFlag(Netlink.NLM_F_DUMP_INTR)) {
                interrupted = true;
            }
            finish(errno, extAck);
        }
    }

    @Override
    public void malformed(NlHeader h, String reason) {
        if (h == null || (h.seq() == seq && h.pid() == portId)) {
            malformed++;
            if (h != null && (h.type() == Netlink.NLMSG_ERROR || h.type() == Netlink.NLMSG_DONE)) {
                finish(dev.keyroute.netlink.spec.Errno.EINVAL, "malformed reply: " + reason);
            }
        }
    }

    private void finish(int errno, String extAck) {
        this.errno = errno;
        this.extAck = extAck;
        this.complete = true;
    }

    /** True once the ack, error or NLMSG_DONE arrived. */
    public boolean complete() { return complete; }
    /** True if any reply carried NLM_F_DUMP_INTR. */
    public boolean interrupted() { return interrupted; }
    /** 0 on success, else the kernel's errno. */
    public int errno() { return errno; }
    public String extAck() { return extAck; }
    public List<RtnlEvent> messages() { return messages; }
    public int stale() { return stale; }
    /** Malformed messages in this reply (rejected and counted by the parser). */
    public int malformed() { return malformed; }
}
