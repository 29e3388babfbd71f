package dev.keyroute.netlink.socket;

import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.RtnlOptions;
import dev.keyroute.netlink.parse.ParserStats;
import dev.keyroute.netlink.parse.RtnlParser;
import dev.keyroute.netlink.spec.Errno;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.wire.MessageWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A NETLINK_ROUTE socket for requests and dumps (no multicast groups).
 *
 * <p>Every request is sent with NLM_F_REQUEST | NLM_F_ACK and a fresh sequence number; the call
 * returns when the kernel acknowledges, and throws {@link NetlinkException} with the errno and
 * the extended-ack text when it refuses. Dumps are sent with NLM_F_DUMP and read to NLMSG_DONE;
 * NLM_F_DUMP_INTR is reported in {@link DumpResult#interrupted()}. Replies not sent by the kernel
 * (sender port id != 0) or not matching the request's sequence number and our port id are
 * skipped and counted.
 *
 * <p>Socket options: NETLINK_EXT_ACK, NETLINK_CAP_ACK (errors echo only the request header),
 * NETLINK_GET_STRICT_CHK if {@link RtnlOptions#strictCheck()} (filtered dumps).
 *
 * <p>Thread-confined: use from one thread at a time. The socket lives in the network namespace
 * of the thread that opened it.
 */
public final class RtnlSocket implements AutoCloseable {
    private final NetlinkSocket socket;
    private final MessageWriter writer;
    private final RtnlParser parser = new RtnlParser();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private int seq;
    private String lastType = "";

    private RtnlSocket(NetlinkSocket socket) {
        this.socket = socket;
        this.writer = new MessageWriter(socket.sendBuffer());
        this.seq = (int) (System.nanoTime() & 0x3fffffff);
    }

    public static RtnlSocket open() throws NetlinkException {
        return open(RtnlOptions.REQUESTS);
    }

    public static RtnlSocket open(RtnlOptions options) throws NetlinkException {
        NetlinkSocket s = NetlinkSocket.open(Netlink.NETLINK_ROUTE, options.readBufferBytes(), options.maxReadBufferBytes());
        try {
            s.setIntOption(Netlink.SOL_NETLINK, Netlink.NETLINK_EXT_ACK, 1);
            s.setIntOption(Netlink.SOL_NETLINK, Netlink.NETLINK_CAP_ACK, 1);
            if (options.strictCheck()) {
                s.setIntOption(Netlink.SOL_NETLINK, Netlink.NETLINK_GET_STRICT_CHK, 1);
            }
            s.setReceiveBuffer(options.receiveBufferBytes());
            return new RtnlSocket(s);
        } catch (NetlinkException e) {
            s.close();
            throw e;
        }
    }

    public int portId() {
        return socket.portId();
    }

    /**
     * Sends a request built by {@code encoder} (which calls {@link MessageWriter#begin}) and waits
     * for the acknowledgement.
     *
     * @return data messages the kernel sent before the ack (e.g. the RTM_NEWLINK answering a GET)
     * @throws NetlinkException if the kernel refused (errno + extended ack) or the socket failed
     */
    public List<RtnlEvent> request(Consumer<MessageWriter> encoder) throws NetlinkException {
        ReplyCollector reply = exchange(encoder, Netlink.NLM_F_REQUEST | Netlink.NLM_F_ACK);
        if (reply.errno() != 0) {
            throw new NetlinkException(lastType, reply.errno(), reply.extAck());
        }
        return reply.messages();
    }

    /** Sends a dump request built by {@code encoder} and reads every part up to NLMSG_DONE. */
    public DumpResult dump(Consumer<MessageWriter> encoder) throws NetlinkException {
        ReplyCollector reply = exchange(encoder, Netlink.NLM_F_REQUEST | Netlink.NLM_F_DUMP);
        if (reply.errno() != 0) {
            throw new NetlinkException("dump " + lastType, reply.errno(), reply.extAck());
        }
        return new DumpResult(reply.messages(), reply.interrupted(), reply.malformed());
    }

    private ReplyCollector exchange(Consumer<MessageWriter> encoder, int flags) throws NetlinkException {
        encoder.accept(writer);
        writer.addFlags(flags);
        lastType = "rtnetlink request type " + writer.type();
        int mySeq = ++seq;
        socket.send(writer.finish(mySeq, 0));
        ReplyCollector reply = new ReplyCollector(mySeq, socket.portId());
        while (!reply.complete()) {
            int n = socket.receive(true);
            if (n == NetlinkSocket.OVERRUN) {
                // Replies to our own request were dropped: the exchange cannot complete reliably.
                throw new NetlinkException(lastType, Errno.ENOBUFS, "reply lost, receive buffer overrun");
            }
            if (n == NetlinkSocket.TRUNCATED) {
                throw new NetlinkException(lastType, Errno.EMSGSIZE, "reply larger than read buffer");
            }
            if (n < 0) {
                continue;
            }
            if (socket.lastSenderPid() != 0) {
                foreign.incrementAndGet();
                continue;
            }
            int staleBefore = reply.stale();
            parser.parse(socket.receiveBuffer(), n, reply);
            stale.addAndGet(reply.stale() - staleBefore);
        }
        return reply;
    }

    public ParserStats parserStats() {
        return parser.stats();
    }

    /** Replies skipped because sequence number or port id did not match the pending request. */
    public long staleReplies() {
        return stale.get();
    }

    /** Datagrams skipped because they did not come from the kernel. */
    public long foreignDatagrams() {
        return foreign.get();
    }

    @Override
    public void close() {
        socket.close();
    }
}
