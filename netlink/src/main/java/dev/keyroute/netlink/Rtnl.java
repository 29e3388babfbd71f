package dev.keyroute.netlink;

import java.net.InetAddress;
import java.util.List;

/**
 * The rtnetlink operations keyroute needs: dumps for (re)synchronisation and requests for
 * routes, addresses and links. The kernel implementation is {@link KernelRtnl}; daemon tests
 * use the in-memory {@code FakeRtnl} from this module's test-jar.
 *
 * <p>Requests wait for the kernel's acknowledgement and throw {@link NetlinkException} (errno +
 * extended-ack text) on refusal. Dumps retry when the kernel marks them inconsistent
 * (NLM_F_DUMP_INTR) and throw {@link DumpInterruptedException} when that persists.
 * Families are {@code AF_INET}, {@code AF_INET6}, or {@code AF_UNSPEC} for both.
 * Implementations are thread-confined.
 */
public interface Rtnl extends AutoCloseable {
    /** All routes of {@code family} in all tables. */
    List<RouteMessage> dumpRoutes(int family) throws NetlinkException;

    /** Routes of {@code family} in {@code table}. */
    List<RouteMessage> dumpRoutes(int family, int table) throws NetlinkException;

    List<LinkMessage> dumpLinks() throws NetlinkException;

    List<AddressMessage> dumpAddresses(int family) throws NetlinkException;

    /** Adds a route; EEXIST if an identical key (prefix, table, metric) exists. */
    void addRoute(RouteRequest route) throws NetlinkException;

    /** Adds or replaces the route with the same key. */
    void replaceRoute(RouteRequest route) throws NetlinkException;

    /** Deletes a matching route; ESRCH if none matches. */
    void deleteRoute(RouteRequest route) throws NetlinkException;

    /** @param nodad set IFA_F_NODAD (IPv6: usable at once, e.g. a fe80:: link-local) */
    void addAddress(int ifindex, InetAddress address, int prefixLen, boolean nodad) throws NetlinkException;

    void deleteAddress(int ifindex, InetAddress address, int prefixLen) throws NetlinkException;

    void setLinkUp(int ifindex, boolean up) throws NetlinkException;

    void setMtu(int ifindex, int mtu) throws NetlinkException;

    /** Interface index of {@code name}; NetlinkException with ENODEV if there is none. */
    int linkIndex(String name) throws NetlinkException;

    @Override
    void close();
}
