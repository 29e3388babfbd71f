package dev.keyroute.netlink.request;

import dev.keyroute.netlink.spec.Rta;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.netlink.wire.IfAddrMsg;
import dev.keyroute.netlink.wire.IfInfoMsg;
import dev.keyroute.netlink.wire.MessageWriter;
import dev.keyroute.netlink.wire.RtMsg;

/**
 * Encodes dump requests (the socket adds NLM_F_DUMP). With NETLINK_GET_STRICT_CHK the kernel
 * filters route dumps by family and table; callers filter again so results do not depend on it.
 */
public final class DumpEncoder {
    private DumpEncoder() {}

    /** @param table 0 for all tables */
    public static void routes(MessageWriter w, int family, int table) {
        w.begin(Rtm.RTM_GETROUTE, 0);
        new RtMsg().wrap(w.buffer(), w.reserve(RtMsg.SIZE)).family(family).table(table < 256 ? table : 0);
        if (table >= 256) {
            w.attrU32(Rta.RTA_TABLE, table);
        }
    }

    public static void links(MessageWriter w) {
        w.begin(Rtm.RTM_GETLINK, 0);
        w.reserve(IfInfoMsg.SIZE);
    }

    public static void addresses(MessageWriter w, int family) {
        w.begin(Rtm.RTM_GETADDR, 0);
        new IfAddrMsg().wrap(w.buffer(), w.reserve(IfAddrMsg.SIZE)).family(family);
    }
}
