package dev.keyroute.netlink;

import dev.keyroute.netlink.spec.Ifla;

/**
 * A parsed RTM_NEWLINK / RTM_DELLINK.
 *
 * @param kind      NEW (added or changed) or DEL (deleted)
 * @param nlFlags   nlmsg_flags of the message
 * @param ifindex   interface index
 * @param name      IFLA_IFNAME, or null if absent
 * @param ifiFlags  IFF_* flags
 * @param mtu       IFLA_MTU, 0 if absent
 * @param operState IFLA_OPERSTATE, -1 if absent
 * @param linkType  ARPHRD_* device type
 */
public record LinkMessage(MessageKind kind, int nlFlags, int ifindex, String name, int ifiFlags,
        int mtu, int operState, int linkType) implements RtnlEvent {

    public boolean isUp() {
        return (ifiFlags & Ifla.IFF_UP) != 0;
    }

    public boolean isRunning() {
        return (ifiFlags & Ifla.IFF_RUNNING) != 0;
    }

    public boolean isLowerUp() {
        return (ifiFlags & Ifla.IFF_LOWER_UP) != 0;
    }

    public boolean isDeleted() {
        return kind == MessageKind.DEL;
    }
}
