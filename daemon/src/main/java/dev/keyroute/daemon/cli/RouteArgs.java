package dev.keyroute.daemon.cli;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.netlink.RouteRequest;
import dev.keyroute.wgcore.noise.LinkLocal;
import java.util.Arrays;
import java.util.List;

/**
 * The words of {@code keyroute route add|replace|del <prefix> via-wgpeer <pubkey> dev <if>
 * [table N] [metric N]}, validated. The kernel route is {@code <prefix> via [inet6] LL(pubkey)
 * dev <if>}: for an IPv4 prefix the IPv6 next hop travels as RTA_VIA, for IPv6 as RTA_GATEWAY.
 *
 * @param action  add, replace or del
 * @param prefix  destination (host bits must be zero, as in {@code ip route})
 * @param peer    the peer's public key
 * @param device  output interface name
 * @param table   routing table, default main (254)
 * @param metric  metric or {@link RouteRequest#UNSET}
 */
record RouteArgs(Action action, Prefix prefix, Key peer, String device, int table, long metric) {
    enum Action { ADD, REPLACE, DEL }

    static final String USAGE =
            "usage: keyroute route add|replace|del PREFIX via-wgpeer PUBKEY dev IFNAME [table N] [metric N]";

    /** Thrown for malformed input; the message says what and why. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static RouteArgs parse(List<String> words) throws UsageException {
        if (words.size() < 6) {
            throw new UsageException("too few arguments");
        }
        Action action = switch (words.get(0)) {
            case "add" -> Action.ADD;
            case "replace", "change" -> Action.REPLACE;
            case "del", "delete" -> Action.DEL;
            default -> throw new UsageException("unknown action '" + words.get(0) + "' (add, replace or del)");
        };
        Prefix prefix = prefix(words.get(1));
        Key key = null;
        String dev = null;
        int table = RouteRequest.to(prefix.inetAddress(), prefix.length()).build().table();
        long metric = RouteRequest.UNSET;
        for (int i = 2; i < words.size(); i += 2) {
            String word = words.get(i);
            if (i + 1 >= words.size()) {
                throw new UsageException("'" + word + "' needs a value");
            }
            String value = words.get(i + 1);
            switch (word) {
                case "via-wgpeer" -> key = key(value);
                case "dev" -> dev = device(value);
                case "table" -> table = (int) number("table", value, 1, Integer.MAX_VALUE);
                case "metric", "preference", "priority" -> metric = number("metric", value, 0, 0xffffffffL);
                default -> throw new UsageException("unexpected '" + word + "'");
            }
        }
        if (key == null) {
            throw new UsageException("missing 'via-wgpeer PUBKEY'");
        }
        if (dev == null) {
            throw new UsageException("missing 'dev IFNAME'");
        }
        return new RouteArgs(action, prefix, key, dev, table, metric);
    }

    /** The kernel request: {@code via LL(peer) dev <ifindex>} in the table, with the metric if given. */
    RouteRequest toRequest(int ifindex) {
        RouteRequest.Builder b = RouteRequest.to(prefix.inetAddress(), prefix.length())
                .gateway(LinkLocal.inet6(peer)).oif(ifindex).table(table);
        if (metric != RouteRequest.UNSET) {
            b.metric(metric);
        }
        return b.build();
    }

    private static Prefix prefix(String text) throws UsageException {
        Prefix p;
        byte[] written;
        try {
            p = Prefix.parse(text);
            int slash = text.indexOf('/');
            written = Prefix.parseAddress(slash < 0 ? text : text.substring(0, slash));
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid prefix '" + text + "': " + e.getMessage());
        }
        if (!Arrays.equals(written, p.address())) {
            throw new UsageException("invalid prefix '" + text + "': host bits set (did you mean " + p + "?)");
        }
        return p;
    }

    private static Key key(String text) throws UsageException {
        try {
            return Key.fromBase64(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("invalid public key: " + e.getMessage());
        }
    }

    private static String device(String name) throws UsageException {
        if (name.isEmpty() || name.length() > 15 || !name.matches("[A-Za-z0-9_.=+:-]+")) {
            throw new UsageException("invalid interface name '" + name + "'");
        }
        return name;
    }

    private static long number(String what, String text, long min, long max) throws UsageException {
        try {
            long v = Long.parseLong(text);
            if (v < min || v > max) {
                throw new UsageException(what + " " + text + " out of range " + min + ".." + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new UsageException("invalid " + what + " '" + text + "'");
        }
    }
}
