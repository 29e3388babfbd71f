package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.RtnlEvent;
import dev.keyroute.netlink.UnknownMessage;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.netlink.wire.NlMsgHdr;
import java.nio.ByteBuffer;

/**
 * The one rtnetlink parser, used for dump replies, request replies and multicast events: walks
 * the messages of a datagram, decodes route, link and address messages, errors and dump ends,
 * and hands them to a {@link ParseSink}.
 *
 * <p>It never throws: a message whose layout or attributes break the policy tables is rejected
 * and counted in {@link ParserStats#malformed()}; a header that cannot be trusted ends the walk
 * of that datagram (its length field is the only way to find the next message). Unknown message
 * types become {@link UnknownMessage}; unknown attributes are ignored.
 *
 * <p>Not thread-safe: one parser per reading thread (decoders and attribute indexes are reused).
 */
public final class RtnlParser {
    private final ParserStats stats;
    private final NlMsgHdr hdr = new NlMsgHdr();
    private final RouteDecoder routes = new RouteDecoder();
    private final LinkDecoder links = new LinkDecoder();
    private final AddressDecoder addresses = new AddressDecoder();
    private final ErrorDecoder errors = new ErrorDecoder();

    public RtnlParser() {
        this(new ParserStats());
    }

    public RtnlParser(ParserStats stats) {
        this.stats = stats;
    }

    public ParserStats stats() {
        return stats;
    }

    /** Parses the {@code length} bytes at the start of {@code buf} (native byte order). */
    public void parse(ByteBuffer buf, int length, ParseSink sink) {
        int at = 0;
        int limit = Math.min(length, buf.capacity());
        while (limit - at >= NlMsgHdr.SIZE) {
            hdr.wrap(buf, at);
            int len = hdr.length();
            if (len < NlMsgHdr.SIZE || len > limit - at) {
                stats.countMalformed();
                sink.malformed(null, "nlmsg_len " + len + " at offset " + at + " of " + limit);
                return;
            }
            NlHeader h = new NlHeader(len, hdr.type(), hdr.flags(), hdr.seq(), hdr.pid());
            one(buf, h, at + NlMsgHdr.SIZE, at + len, sink);
            at += Netlink.align(len);
        }
        if (at < limit) {
            stats.countMalformed();
            sink.malformed(null, (limit - at) + " trailing bytes");
        }
    }

    private void one(ByteBuffer buf, NlHeader h, int at, int end, ParseSink sink) {
        RtnlEvent decoded = null;
        try {
            switch (h.type()) {
                case Netlink.NLMSG_NOOP -> { }
                case Netlink.NLMSG_ERROR -> errors.decodeError(buf, h, at, end);
                case Netlink.NLMSG_DONE -> errors.decodeDone(buf, h, at, end);
                case Rtm.RTM_NEWROUTE, Rtm.RTM_DELROUTE ->
                        decoded = routes.decode(buf, h, at, end, kind(h, Rtm.RTM_NEWROUTE));
                case Rtm.RTM_NEWLINK, Rtm.RTM_DELLINK ->
                        decoded = links.decode(buf, h, at, end, kind(h, Rtm.RTM_NEWLINK));
                case Rtm.RTM_NEWADDR, Rtm.RTM_DELADDR ->
                        decoded = addresses.decode(buf, h, at, end, kind(h, Rtm.RTM_NEWADDR));
                default -> decoded = new UnknownMessage(h.type(), h.flags(), h.length(), "message type " + h.type());
            }
        } catch (MalformedException e) {
            reject(h, e.getMessage(), sink);
            return;
        } catch (RuntimeException e) {
            // Defence in depth: a decoding bug must not kill the reader; count it as malformed.
            reject(h, "decoder failure: " + e, sink);
            return;
        }
        // Sink calls stay outside the try: a consumer's exception is the consumer's, not "malformed".
        stats.countMessage();
        switch (h.type()) {
            case Netlink.NLMSG_NOOP -> { }
            case Netlink.NLMSG_ERROR -> sink.error(h, errors.errno(), errors.extAck());
            case Netlink.NLMSG_DONE -> sink.done(h, errors.errno(), errors.extAck());
            default -> {
                if (decoded instanceof UnknownMessage) {
                    stats.countUnknown();
                }
                sink.message(h, decoded);
            }
        }
    }

    private void reject(NlHeader h, String reason, ParseSink sink) {
        stats.countMalformed();
        sink.malformed(h, reason);
    }

    private static MessageKind kind(NlHeader h, int newType) {
        return h.type() == newType ? MessageKind.NEW : MessageKind.DEL;
    }
}
