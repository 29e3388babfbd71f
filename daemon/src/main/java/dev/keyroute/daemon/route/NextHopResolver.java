package dev.keyroute.daemon.route;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.device.AllowedIpsTable;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.noise.LinkLocal;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a route's next hop address into a peer of one device (DESIGN §3), in this order:
 * <ol>
 *   <li>the key-derived link-local address {@code LL(P)} of a peer, exactly;</li>
 *   <li>the longest match in the peers' <em>static</em> AllowedIPs (config, {@code wg set}).</li>
 * </ol>
 * Route-derived entries are never used to resolve a next hop (no recursion through the follower's
 * own output). Answers are cached until {@link #refresh} (called whenever peers or static entries
 * change). Owned by the follower thread.
 */
final class NextHopResolver {
    private final Device device;
    private final Map<ByteBuffer, Peer> byLinkLocal = new HashMap<>();
    private final Map<InetAddress, Optional<Peer>> cache = new HashMap<>();

    NextHopResolver(Device device) {
        this.device = device;
        refresh();
    }

    /** Re-reads the device's peers and forgets cached answers. */
    void refresh() {
        byLinkLocal.clear();
        cache.clear();
        for (Peer p : device.peers()) {
            byLinkLocal.put(ByteBuffer.wrap(LinkLocal.address(p.publicKey())), p);
        }
    }

    /** The peer {@code gateway} designates, or null if none does (yet). */
    Peer resolve(InetAddress gateway) {
        return cache.computeIfAbsent(gateway, g -> Optional.ofNullable(lookup(g.getAddress()))).orElse(null);
    }

    private Peer lookup(byte[] address) {
        Peer p = byLinkLocal.get(ByteBuffer.wrap(address));
        if (p != null) {
            return p;
        }
        AllowedIpsTable table = device.allowedIps();
        for (int len = address.length * 8; len >= 0; len--) {
            Peer owner = table.staticOwner(Prefix.of(address, len));
            if (owner != null) {
                return owner;
            }
        }
        return null;
    }
}
