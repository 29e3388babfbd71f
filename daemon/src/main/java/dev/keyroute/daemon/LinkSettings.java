package dev.keyroute.daemon;

import dev.keyroute.netlink.KernelRtnl;
import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.Rtnl;
import java.net.InetAddress;

/**
 * Link-level settings of a keyroute interface, applied through rtnetlink: addresses (including the
 * key-derived link-local address), MTU and up/down.
 */
final class LinkSettings implements AutoCloseable {
    private static final int EEXIST = 17;
    private final Rtnl rtnl;
    private final int ifindex;

    LinkSettings(String name, int ifindex) throws NetlinkException {
        this.rtnl = KernelRtnl.open();
        this.ifindex = ifindex > 0 ? ifindex : rtnl.linkIndex(name);
    }

    /** Adds an address; one that is already there is fine. */
    synchronized void addAddress(InetAddress address, int prefixLen, boolean nodad) throws NetlinkException {
        try {
            rtnl.addAddress(ifindex, address, prefixLen, nodad);
        } catch (NetlinkException e) {
            if (e.errno() != EEXIST) {
                throw e;
            }
        }
    }

    synchronized void deleteAddress(InetAddress address, int prefixLen) throws NetlinkException {
        rtnl.deleteAddress(ifindex, address, prefixLen);
    }

    synchronized void setUp(boolean up) throws NetlinkException {
        rtnl.setLinkUp(ifindex, up);
    }

    synchronized void setMtu(int mtu) throws NetlinkException {
        rtnl.setMtu(ifindex, mtu);
    }

    @Override
    public synchronized void close() {
        rtnl.close();
    }
}
