package dev.keyroute.netlink.request;

import dev.keyroute.netlink.spec.Ifla;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.netlink.wire.IfInfoMsg;
import dev.keyroute.netlink.wire.MessageWriter;

/** Encodes link requests: set flags (up/down), set MTU, get one link by name. */
public final class LinkEncoder {
    private LinkEncoder() {}

    public static void setUp(MessageWriter w, int ifindex, boolean up) {
        w.begin(Rtm.RTM_NEWLINK, 0);
        new IfInfoMsg().wrap(w.buffer(), w.reserve(IfInfoMsg.SIZE))
                .index(ifindex).flags(up ? Ifla.IFF_UP : 0).change(Ifla.IFF_UP);
    }

    public static void setMtu(MessageWriter w, int ifindex, int mtu) {
        w.begin(Rtm.RTM_NEWLINK, 0);
        new IfInfoMsg().wrap(w.buffer(), w.reserve(IfInfoMsg.SIZE)).index(ifindex);
        w.attrU32(Ifla.IFLA_MTU, mtu);
    }

    /** RTM_GETLINK for one interface by name; the kernel answers with RTM_NEWLINK. */
    public static void getByName(MessageWriter w, String name) {
        if (name.isEmpty() || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length >= Ifla.IFNAMSIZ) {
            throw new IllegalArgumentException("interface name must be 1.." + (Ifla.IFNAMSIZ - 1) + " bytes: " + name);
        }
        w.begin(Rtm.RTM_GETLINK, 0);
        w.reserve(IfInfoMsg.SIZE);
        w.attrString(Ifla.IFLA_IFNAME, name);
    }
}
