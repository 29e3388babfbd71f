package dev.keyroute.netlink;

import dev.keyroute.netlink.request.AddressEncoder;
import dev.keyroute.netlink.request.DumpEncoder;
import dev.keyroute.netlink.request.LinkEncoder;
import dev.keyroute.netlink.request.RouteEncoder;
import dev.keyroute.netlink.socket.DumpResult;
import dev.keyroute.netlink.socket.RtnlSocket;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Errno;
import dev.keyroute.netlink.spec.Ifa;
import dev.keyroute.netlink.wire.MessageWriter;
import java.net.InetAddress;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@link Rtnl} over a kernel {@link RtnlSocket}, in the network namespace of the thread that
 * opened it. Thread-confined.
 */
public final class KernelRtnl implements Rtnl {
    /** Attempts per dump before {@link DumpInterruptedException}. */
    public static final int DUMP_ATTEMPTS = 3;

    private final RtnlSocket socket;

    public KernelRtnl(RtnlSocket socket) {
        this.socket = socket;
    }

    public static KernelRtnl open() throws NetlinkException {
        return new KernelRtnl(RtnlSocket.open());
    }

    public static KernelRtnl open(RtnlOptions options) throws NetlinkException {
        return new KernelRtnl(RtnlSocket.open(options));
    }

    /** The underlying socket, for raw dumps ({@link DumpResult#interrupted()}) and counters. */
    public RtnlSocket socket() {
        return socket;
    }

    @Override
    public List<RouteMessage> dumpRoutes(int family) throws NetlinkException {
        return dumpRoutes(family, 0);
    }

    @Override
    public List<RouteMessage> dumpRoutes(int family, int table) throws NetlinkException {
        return dump("routes", w -> DumpEncoder.routes(w, family, table), RouteMessage.class).stream()
                .filter(r -> family == AddressFamily.AF_UNSPEC || r.family() == family)
                .filter(r -> table == 0 || r.table() == table)
                .toList();
    }

    @Override
    public List<LinkMessage> dumpLinks() throws NetlinkException {
        return dump("links", DumpEncoder::links, LinkMessage.class);
    }

    @Override
    public List<AddressMessage> dumpAddresses(int family) throws NetlinkException {
        return dump("addresses", w -> DumpEncoder.addresses(w, family), AddressMessage.class).stream()
                .filter(a -> family == AddressFamily.AF_UNSPEC || a.family() == family)
                .toList();
    }

    private <T extends RtnlEvent> List<T> dump(String what, Consumer<MessageWriter> enc, Class<T> type)
            throws NetlinkException {
        for (int attempt = 1; attempt <= DUMP_ATTEMPTS; attempt++) {
            DumpResult r = socket.dump(enc);
            if (!r.interrupted()) {
                return r.ofType(type);
            }
        }
        throw new DumpInterruptedException("dump " + what, DUMP_ATTEMPTS);
    }

    @Override
    public void addRoute(RouteRequest route) throws NetlinkException {
        socket.request(w -> RouteEncoder.encode(w, route, RouteEncoder.Op.ADD));
    }

    @Override
    public void replaceRoute(RouteRequest route) throws NetlinkException {
        socket.request(w -> RouteEncoder.encode(w, route, RouteEncoder.Op.REPLACE));
    }

    @Override
    public void deleteRoute(RouteRequest route) throws NetlinkException {
        socket.request(w -> RouteEncoder.encode(w, route, RouteEncoder.Op.DELETE));
    }

    @Override
    public void addAddress(int ifindex, InetAddress address, int prefixLen, boolean nodad) throws NetlinkException {
        socket.request(w -> AddressEncoder.add(w, ifindex, address, prefixLen, nodad ? Ifa.IFA_F_NODAD : 0));
    }

    @Override
    public void deleteAddress(int ifindex, InetAddress address, int prefixLen) throws NetlinkException {
        socket.request(w -> AddressEncoder.delete(w, ifindex, address, prefixLen));
    }

    @Override
    public void setLinkUp(int ifindex, boolean up) throws NetlinkException {
        socket.request(w -> LinkEncoder.setUp(w, ifindex, up));
    }

    @Override
    public void setMtu(int ifindex, int mtu) throws NetlinkException {
        socket.request(w -> LinkEncoder.setMtu(w, ifindex, mtu));
    }

    @Override
    public int linkIndex(String name) throws NetlinkException {
        for (RtnlEvent m : socket.request(w -> LinkEncoder.getByName(w, name))) {
            if (m instanceof LinkMessage link) {
                return link.ifindex();
            }
        }
        throw new NetlinkException("link " + name, Errno.ENODEV, "no link in reply");
    }

    @Override
    public void close() {
        socket.close();
    }
}
