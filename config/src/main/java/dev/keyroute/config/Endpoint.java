package dev.keyroute.config;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * A peer's UDP endpoint as written in a config file: a host name or a literal IP address, and a
 * port in 1..65535. IPv6 literals are written in brackets ({@code [fd00::1]:51820}), optionally
 * with a zone ({@code [fe80::1%eth0]:51820}). Literal addresses are kept in canonical text; names
 * are lower-cased and resolved only when {@link #resolve()} is called. Immutable.
 */
public final class Endpoint {
    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    private final String host;   // canonical literal (with "%zone" if any) or lower-case name
    private final byte[] literal; // address bytes when host is a literal, else null
    private final int port;

    private Endpoint(String host, byte[] literal, int port) {
        this.host = host;
        this.literal = literal;
        this.port = port;
    }

    /** Parses {@code host:port}, {@code a.b.c.d:port} or {@code [v6]:port}. */
    public static Endpoint parse(String text) {
        String t = text.trim();
        String host;
        String portText;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("invalid endpoint '" + t + "': expected [address]:port");
            }
            host = t.substring(1, close);
            if (host.indexOf(':') < 0) {
                throw new IllegalArgumentException("invalid endpoint '" + t + "': only IPv6 addresses go in brackets");
            }
            portText = t.substring(close + 2);
        } else {
            int colon = t.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("invalid endpoint '" + t + "': missing ':port'");
            }
            host = t.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("invalid endpoint '" + t + "': IPv6 addresses must be in brackets");
            }
            portText = t.substring(colon + 1);
        }
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("invalid port '" + portText + "' in endpoint '" + t + "'");
        }
        return of(host, Integer.parseInt(portText));
    }

    /** An endpoint for a host name or literal address (IPv6 without brackets) and a port. */
    public static Endpoint of(String host, int port) {
        if (port < MIN_PORT || port > MAX_PORT) {
            throw new IllegalArgumentException("port " + port + " out of range " + MIN_PORT + ".." + MAX_PORT);
        }
        if (host.indexOf(':') >= 0) {
            int pct = host.indexOf('%');
            String addr = pct < 0 ? host : host.substring(0, pct);
            byte[] bytes = Prefix.parseAddress(addr);
            String canonical = Values.addressText(bytes);
            if (pct >= 0) {
                String zone = host.substring(pct + 1);
                if (zone.isEmpty() || zone.length() > 15 || !zone.chars().allMatch(Endpoint::isZoneChar)) {
                    throw new IllegalArgumentException("invalid zone '" + zone + "' in '" + host + "'");
                }
                canonical += "%" + zone;
            }
            return new Endpoint(canonical, bytes, port);
        }
        if (Values.looksNumeric(host)) {
            byte[] bytes = Prefix.parseAddress(host);
            return new Endpoint(Values.addressText(bytes), bytes, port);
        }
        return new Endpoint(Values.hostname(host), null, port);
    }

    /** An endpoint for an already resolved socket address, e.g. where a packet came from. */
    public static Endpoint of(InetSocketAddress address) {
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unresolved address " + address.getHostString());
        }
        return of(address.getAddress(), address.getPort());
    }

    public static Endpoint of(InetAddress address, int port) {
        byte[] bytes = address.getAddress();
        String text = Values.addressText(bytes);
        if (address instanceof Inet6Address v6) {
            if (v6.getScopedInterface() != null) {
                text += "%" + v6.getScopedInterface().getName();
            } else if (v6.getScopeId() != 0) {
                text += "%" + v6.getScopeId();
            }
        }
        return of(text, port);
    }

    /** Host name (lower case) or canonical literal address, without brackets. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Whether the host is a literal address, so {@link #resolve()} needs no name lookup. */
    public boolean isLiteral() {
        return literal != null;
    }

    /**
     * The socket address. For a host name this performs a name lookup (it may block); for a
     * literal address it does not.
     */
    public InetSocketAddress resolve() throws UnknownHostException {
        InetAddress a;
        if (literal == null || host.indexOf('%') >= 0) {
            a = InetAddress.getByName(host);
        } else {
            a = InetAddress.getByAddress(literal);
        }
        return new InetSocketAddress(a, port);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Endpoint e && port == e.port && host.equals(e.host);
    }

    @Override
    public int hashCode() {
        return host.hashCode() * 31 + port;
    }

    /** {@code host:port}, with IPv6 literals in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static boolean isZoneChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.';
    }
}
