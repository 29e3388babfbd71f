package dev.keyroute.netlink.testing;

import dev.keyroute.netlink.AddressMessage;
import dev.keyroute.netlink.DumpInterruptedException;
import dev.keyroute.netlink.KernelRtnl;
import dev.keyroute.netlink.LinkMessage;
import dev.keyroute.netlink.MessageKind;
import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.RouteRequest;
import dev.keyroute.netlink.Rtnl;
import dev.keyroute.netlink.spec.AddressFamily;
import dev.keyroute.netlink.spec.Errno;
import dev.keyroute.netlink.spec.Ifa;
import dev.keyroute.netlink.spec.Ifla;
import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.spec.Rtm;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An in-memory kernel for daemon tests: links, addresses and routes with the kernel's
 * observable behaviour, publishing the matching events to {@link #events()}.
 *
 * <ul>
 *   <li>Routes are keyed by (family, table, prefix, metric): add of an existing key is EEXIST,
 *       replace swaps it (event with NLM_F_REPLACE), delete of a missing route is ESRCH; unset
 *       delete fields are wildcards. IPv6 routes default to metric 1024 as in the kernel.</li>
 *   <li>Output interfaces must exist (ENODEV).</li>
 *   <li>Link down flushes IPv4 routes through that link <em>without</em> RTM_DELROUTE events, as
 *       the kernel does; link delete flushes both families silently, then sends RTM_DELLINK.</li>
 *   <li>Faults: {@link #failNextRequest}, {@link #interruptNextDumps}.</li>
 * </ul>
 * Thread-safe (synchronized) so a test thread can drive it while the daemon reads.
 */
public final class FakeRtnl implements Rtnl {
    private record Link(int ifindex, String name, int flags, int mtu) {}

    private record Key(int family, int table, InetAddress dst, int dstLen, long metric) {}

    private final FakeRtnlEvents events = new FakeRtnlEvents();
    private final Map<Integer, Link> links = new LinkedHashMap<>();
    private final List<AddressMessage> addresses = new ArrayList<>();
    private final Map<Key, RouteMessage> routes = new LinkedHashMap<>();
    private int nextIndex = 2;
    private int failErrno;
    private String failExtAck;
    private int interruptedDumps;

    public FakeRtnlEvents events() {
        return events;
    }

    // ---- test controls -------------------------------------------------------------------

    /** Creates an up-and-running link, as {@code ip link add} + {@code up}; returns its ifindex. */
    public synchronized int addLink(String name, int mtu) {
        Link l = new Link(nextIndex++, name, Ifla.IFF_UP | Ifla.IFF_RUNNING | Ifla.IFF_LOWER_UP, mtu);
        links.put(l.ifindex(), l);
        events.publish(linkMessage(l, MessageKind.NEW));
        return l.ifindex();
    }

    /** Deletes a link: its routes and addresses vanish silently, then RTM_DELLINK. */
    public synchronized void deleteLink(int ifindex) throws NetlinkException {
        Link l = link(ifindex);
        routes.values().removeIf(r -> r.usesInterface(ifindex));
        addresses.removeIf(a -> a.ifindex() == ifindex);
        links.remove(ifindex);
        events.publish(linkMessage(l, MessageKind.DEL));
    }

    /** The next request fails with {@code errno} and extended ack {@code extAck}. */
    public synchronized void failNextRequest(int errno, String extAck) {
        failErrno = errno;
        failExtAck = extAck;
    }

    /** The next {@code n} dump calls throw {@link DumpInterruptedException}. */
    public synchronized void interruptNextDumps(int n) {
        interruptedDumps = n;
    }

    /** Current routes, in insertion order. */
    public synchronized List<RouteMessage> routes() {
        return List.copyOf(routes.values());
    }

    // ---- Rtnl ------------------------------------------------------------------------------

    @Override
    public List<RouteMessage> dumpRoutes(int family) throws NetlinkException {
        return dumpRoutes(family, 0);
    }

    @Override
    public synchronized List<RouteMessage> dumpRoutes(int family, int table) throws NetlinkException {
        dumpCheck("routes");
        return routes.values().stream()
                .filter(r -> family == AddressFamily.AF_UNSPEC || r.family() == family)
                .filter(r -> table == 0 || r.table() == table)
                .map(r -> withFlags(r, Netlink.NLM_F_MULTI)).toList();
    }

    @Override
    public synchronized List<LinkMessage> dumpLinks() throws NetlinkException {
        dumpCheck("links");
        return links.values().stream().map(l -> linkMessage(l, MessageKind.NEW)).toList();
    }

    @Override
    public synchronized List<AddressMessage> dumpAddresses(int family) throws NetlinkException {
        dumpCheck("addresses");
        return addresses.stream().filter(a -> family == AddressFamily.AF_UNSPEC || a.family() == family).toList();
    }

    @Override
    public synchronized void addRoute(RouteRequest r) throws NetlinkException {
        requestCheck();
        RouteMessage m = toMessage(r, Netlink.NLM_F_CREATE | Netlink.NLM_F_EXCL);
        Key k = key(m);
        if (routes.containsKey(k)) {
            throw new NetlinkException("add route", Errno.EEXIST, null);
        }
        routes.put(k, m);
        events.publish(m);
    }

    @Override
    public synchronized void replaceRoute(RouteRequest r) throws NetlinkException {
        requestCheck();
        RouteMessage m = toMessage(r, Netlink.NLM_F_CREATE | Netlink.NLM_F_REPLACE);
        Key k = key(m);
        boolean existed = routes.put(k, m) != null;
        events.publish(existed ? m : withFlags(m, Netlink.NLM_F_CREATE));
    }

    @Override
    public synchronized void deleteRoute(RouteRequest r) throws NetlinkException {
        requestCheck();
        int family = r.family();
        for (var it = routes.entrySet().iterator(); it.hasNext(); ) {
            RouteMessage m = it.next().getValue();
            boolean match = m.family() == family && m.table() == r.table() && m.dst().equals(r.dst())
                    && m.dstLen() == r.dstLen()
                    && (r.metric() == RouteRequest.UNSET || m.priority() == r.metric())
                    && (r.oif() == 0 || m.usesInterface(r.oif()))
                    && (r.gateway() == null || Objects.equals(m.gateway(), r.gateway()));
            if (match) {
                it.remove();
                events.publish(new RouteMessage(MessageKind.DEL, 0, m.family(), m.dst(), m.dstLen(), m.srcLen(),
                        m.table(), m.protocol(), m.scope(), m.type(), m.rtmFlags(), m.priority(), m.oif(),
                        m.gateway(), m.prefSrc(), m.nhId(), m.nexthops()));
                return;
            }
        }
        throw new NetlinkException("delete route", Errno.ESRCH, null);
    }

    @Override
    public synchronized void addAddress(int ifindex, InetAddress address, int prefixLen, boolean nodad)
            throws NetlinkException {
        requestCheck();
        link(ifindex);
        if (addresses.stream().anyMatch(a -> a.ifindex() == ifindex && a.address().equals(address))) {
            throw new NetlinkException("add address", Errno.EEXIST, null);
        }
        int family = address instanceof Inet6Address ? AddressFamily.AF_INET6 : AddressFamily.AF_INET;
        int scope = address.isLinkLocalAddress() ? Rtm.RT_SCOPE_LINK : Rtm.RT_SCOPE_UNIVERSE;
        AddressMessage a = new AddressMessage(MessageKind.NEW, 0, family, ifindex, address, null, prefixLen, scope,
                Ifa.IFA_F_PERMANENT | (nodad ? Ifa.IFA_F_NODAD : 0), null);
        addresses.add(a);
        events.publish(a);
    }

    @Override
    public synchronized void deleteAddress(int ifindex, InetAddress address, int prefixLen) throws NetlinkException {
        requestCheck();
        AddressMessage a = addresses.stream().filter(x -> x.ifindex() == ifindex && x.address().equals(address))
                .findFirst().orElseThrow(() -> new NetlinkException("delete address", Errno.EADDRNOTAVAIL, null));
        addresses.remove(a);
        events.publish(new AddressMessage(MessageKind.DEL, 0, a.family(), ifindex, address, null, a.prefixLen(),
                a.scope(), a.flags(), a.label()));
    }

    @Override
    public synchronized void setLinkUp(int ifindex, boolean up) throws NetlinkException {
        requestCheck();
        Link l = link(ifindex);
        int upFlags = Ifla.IFF_UP | Ifla.IFF_RUNNING | Ifla.IFF_LOWER_UP;
        Link changed = new Link(ifindex, l.name(), up ? l.flags() | upFlags : l.flags() & ~upFlags, l.mtu());
        links.put(ifindex, changed);
        if (!up) {
            // The kernel flushes IPv4 routes of a downed link without RTM_DELROUTE.
            routes.values().removeIf(r -> r.family() == AddressFamily.AF_INET && r.usesInterface(ifindex));
        }
        events.publish(linkMessage(changed, MessageKind.NEW));
    }

    @Override
    public synchronized void setMtu(int ifindex, int mtu) throws NetlinkException {
        requestCheck();
        Link l = link(ifindex);
        Link changed = new Link(ifindex, l.name(), l.flags(), mtu);
        links.put(ifindex, changed);
        events.publish(linkMessage(changed, MessageKind.NEW));
    }

    @Override
    public synchronized int linkIndex(String name) throws NetlinkException {
        requestCheck();
        return links.values().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow(() -> new NetlinkException("link " + name, Errno.ENODEV, null)).ifindex();
    }

    @Override
    public void close() {
        events.close();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private void requestCheck() throws NetlinkException {
        if (failErrno != 0) {
            int e = failErrno;
            failErrno = 0;
            throw new NetlinkException("fake request", e, failExtAck);
        }
    }

    private void dumpCheck(String what) throws NetlinkException {
        if (interruptedDumps > 0) {
            interruptedDumps--;
            throw new DumpInterruptedException("dump " + what, KernelRtnl.DUMP_ATTEMPTS);
        }
    }

    private Link link(int ifindex) throws NetlinkException {
        Link l = links.get(ifindex);
        if (l == null) {
            throw new NetlinkException("link " + ifindex, Errno.ENODEV, "Device not found");
        }
        return l;
    }

    private RouteMessage toMessage(RouteRequest r, int nlFlags) throws NetlinkException {
        if (r.oif() != 0) {
            link(r.oif());
        }
        for (NextHop nh : r.nexthops()) {
            link(nh.ifindex());
        }
        boolean v6 = r.family() == AddressFamily.AF_INET6;
        long metric = r.metric() != RouteRequest.UNSET ? r.metric() : v6 ? 1024 : 0;
        int type = r.type() != RouteRequest.UNSET ? r.type() : Rtm.RTN_UNICAST;
        int scope = r.scope() != RouteRequest.UNSET ? r.scope()
                : type == Rtm.RTN_UNICAST && r.gateway() == null && r.nexthops().isEmpty() ? Rtm.RT_SCOPE_LINK
                : Rtm.RT_SCOPE_UNIVERSE;
        return new RouteMessage(MessageKind.NEW, nlFlags, r.family(), r.dst(), r.dstLen(), 0, r.table(),
                r.protocol() != RouteRequest.UNSET ? r.protocol() : Rtm.RTPROT_BOOT, scope, type, r.flags(), metric,
                r.oif(), r.gateway(), r.prefSrc(), 0, r.nexthops());
    }

    private static Key key(RouteMessage m) {
        return new Key(m.family(), m.table(), m.dst(), m.dstLen(), m.priority());
    }

    private static RouteMessage withFlags(RouteMessage m, int nlFlags) {
        return new RouteMessage(m.kind(), nlFlags, m.family(), m.dst(), m.dstLen(), m.srcLen(), m.table(),
                m.protocol(), m.scope(), m.type(), m.rtmFlags(), m.priority(), m.oif(), m.gateway(), m.prefSrc(),
                m.nhId(), m.nexthops());
    }

    private static LinkMessage linkMessage(Link l, MessageKind kind) {
        return new LinkMessage(kind, 0, l.ifindex(), l.name(), l.flags(), l.mtu(),
                (l.flags() & Ifla.IFF_UP) != 0 ? Ifla.IF_OPER_UP : Ifla.IF_OPER_DOWN, 1);
    }
}
