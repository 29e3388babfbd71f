package dev.keyroute.wgcore.noise;

import dev.keyroute.config.Ipv6Text;
import dev.keyroute.config.Key;
import dev.keyroute.wgcore.crypto.Blake2s;
import java.net.Inet6Address;
import java.net.UnknownHostException;

/**
 * keyroute's key-derived link-local address of a peer: fe80::/64 followed by the first 8 bytes of
 * BLAKE2s-256(public key) with the universal/local bit (0x02 of the first IID byte) cleared.
 */
public final class LinkLocal {
    private LinkLocal() {
    }

    public static byte[] address(Key publicKey) {
        byte[] h = Blake2s.hash(publicKey.bytes());
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        System.arraycopy(h, 0, a, 8, 8);
        a[8] &= (byte) ~0x02;
        return a;
    }

    public static Inet6Address inet6(Key publicKey) {
        try {
            return (Inet6Address) Inet6Address.getByAddress(null, address(publicKey));
        } catch (UnknownHostException e) {
            throw new AssertionError("16 bytes is always a valid IPv6 address", e);
        }
    }

    /** RFC 5952 text, e.g. {@code fe80::31ea:e151:cff5:b8d2}. */
    public static String text(Key publicKey) {
        return Ipv6Text.compress(address(publicKey));
    }
}
