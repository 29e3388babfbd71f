package dev.keyroute.wgcore.device;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.noise.LinkLocal;
import java.nio.ByteBuffer;

/**
 * IPv6 link scope as the engine sees it (RFC 4291 §2.7): a multicast address is
 * {@code ff} + 4 flag bits + 4 scope bits; scope 2 is link-local, so {@code ff02::/16} (and its
 * flagged variants {@code ffx2::/16}) never leave the link, which for a keyroute interface means:
 * every peer.
 */
final class LinkScope {
    /** First byte of every IPv6 multicast address. */
    static final int MULTICAST_PREFIX = 0xff;
    /** The scope nibble of a link-local multicast address (second byte, low 4 bits). */
    static final int SCOPE_LINK_LOCAL = 0x2;
    private static final int SCOPE_MASK = 0x0f;

    private LinkScope() {
    }

    /** Whether the 16-byte IPv6 address at absolute {@code offset} is link-local-scope multicast. */
    static boolean isLinkLocalMulticast(ByteBuffer b, int offset) {
        return (b.get(offset) & 0xff) == MULTICAST_PREFIX && (b.get(offset + 1) & SCOPE_MASK) == SCOPE_LINK_LOCAL;
    }

    /** {@code LL(P)/128}, the prefix peer P owns implicitly (DESIGN §3). */
    static Prefix linkLocalPrefix(Key publicKey) {
        return Prefix.of(LinkLocal.address(publicKey), 128);
    }
}
