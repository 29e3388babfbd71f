package dev.keyroute.daemon.route;

import dev.keyroute.config.Prefix;
import dev.keyroute.netlink.NextHop;
import dev.keyroute.netlink.RouteMessage;
import dev.keyroute.netlink.spec.Rtm;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.noise.LinkLocal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A from-scratch computation of the route layer a follower should produce for a kernel state:
 * brute force, no incremental state, written independently of the follower's code.
 */
final class ReferenceResolution {
    private ReferenceResolution() {
    }

    static Map<String, Set<String>> expected(List<RouteMessage> kernel, List<Integer> tables, int ifindex,
            boolean linkUp, Device device) {
        Map<String, Set<String>> out = new TreeMap<>();
        if (!linkUp) {
            return out;
        }
        Map<Prefix, RouteMessage> winners = new HashMap<>();
        for (RouteMessage m : kernel) {
            if (m.type() != Rtm.RTN_UNICAST || !tables.contains(m.table())
                    || m.paths().stream().noneMatch(p -> p.ifindex() == ifindex)) {
                continue;
            }
            Prefix p = Prefix.of(m.dst(), m.dstLen());
            RouteMessage best = winners.get(p);
            if (best == null || rank(m, tables) < rank(best, tables)) {
                winners.put(p, m);
            }
        }
        winners.forEach((prefix, m) -> {
            Set<String> keys = new TreeSet<>();
            for (NextHop nh : m.paths()) {
                if (nh.ifindex() == ifindex && nh.gateway() != null) {
                    Peer peer = resolve(device, nh.gateway().getAddress());
                    if (peer != null) {
                        keys.add(peer.publicKey().toBase64());
                    }
                }
            }
            if (!keys.isEmpty()) {
                out.put(prefix.toString(), keys);
            }
        });
        return out;
    }

    private static double rank(RouteMessage m, List<Integer> tables) {
        return tables.indexOf(m.table()) * 1e10 + m.priority();
    }

    private static Peer resolve(Device device, byte[] gateway) {
        for (Peer p : device.peers()) {
            if (Arrays.equals(LinkLocal.address(p.publicKey()), gateway)) {
                return p;
            }
        }
        Peer best = null;
        int bestLen = -1;
        for (Peer p : device.peers()) {
            for (Prefix s : device.allowedIps().staticOf(p)) {
                if (s.address().length == gateway.length && s.contains(gateway) && s.length() > bestLen) {
                    best = p;
                    bestLen = s.length();
                }
            }
        }
        return best;
    }
}
