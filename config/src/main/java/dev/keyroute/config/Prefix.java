package dev.keyroute.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 prefix in canonical form: host bits are masked off, so {@code 10.1.2.3/8} and
 * {@code 10.0.0.0/8} are the same prefix. Immutable.
 *
 * <p>The address is held as two big-endian longs (an IPv4 address in the top 32 bits of the
 * first), not a byte array: the daemon keys a million routes by prefix, and one object per prefix
 * instead of two is a million objects fewer for the collector ({@link #address()} copies out).
 */
public final class Prefix implements Comparable<Prefix> {
    private final long hi; // address bytes 0..7, host bits zero
    private final long lo; // address bytes 8..15 (IPv6), host bits zero; 0 for IPv4
    private final int length;
    /** Cached: prefixes key the daemon's route maps (a million entries at Internet scale). Free in the object layout. */
    private final int hash;
    private final boolean ipv6;

    private Prefix(long hi, long lo, int length, boolean ipv6) {
        this.hi = hi;
        this.lo = lo;
        this.length = length;
        this.ipv6 = ipv6;
        this.hash = ipv6 ? hash(hi, lo, length) : hash(hi >>> 32, 0, length);
    }

    /**
     * A mixed hash of the address bits and the length. {@code Arrays.hashCode} (base 31) gave
     * 706,874 of the 1.2M prefixes of the synthetic Internet table a hash shared with another,
     * up to 12 each: an address byte spans more than the multiplier, so neighbours collide.
     */
    private static int hash(long hi, long lo, int length) {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL ^ (length + 1L) * 0x165667B19E3779F9L;
        h = (h ^ h >>> 31) * 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32);
    }

    /** Builds a prefix from raw address bytes (4 or 16), masking host bits. */
    public static Prefix of(byte[] address, int length) {
        if (address.length != 4 && address.length != 16) {
            throw new IllegalArgumentException("address must be 4 or 16 bytes");
        }
        int max = address.length * 8;
        if (length < 0 || length > max) {
            throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + max);
        }
        long hi = bits(address, 0);
        long lo = bits(address, 8);
        return new Prefix(hi & maskBits(length), lo & maskBits(length - 64), length, address.length == 16);
    }

    /** Eight bytes of {@code a} from {@code offset}, big-endian, zero past its end. */
    static long bits(byte[] a, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            int j = offset + i;
            v = v << 8 | (j < a.length ? a[j] & 0xff : 0);
        }
        return v;
    }

    /** The top {@code n} bits of a long set (none for n <= 0, all for n >= 64). */
    private static long maskBits(int n) {
        return n <= 0 ? 0 : n >= 64 ? -1L : -1L << (64 - n);
    }

    public static Prefix of(InetAddress address, int length) {
        return of(address.getAddress(), length);
    }

    /** Host route for one address: /32 or /128. */
    public static Prefix host(InetAddress address) {
        byte[] a = address.getAddress();
        return of(a, a.length * 8);
    }

    /**
     * Parses {@code addr/len} or a bare address (a host prefix). Only numeric addresses are
     * accepted; names are never resolved.
     */
    public static Prefix parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String addr = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = parseAddress(addr);
        int len = bytes.length * 8;
        if (slash >= 0) {
            String l = t.substring(slash + 1);
            if (l.isEmpty() || l.length() > 3 || !l.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid prefix length '" + l + "' in '" + t + "'");
            }
            len = Integer.parseInt(l);
            if (len > bytes.length * 8) {
                throw new IllegalArgumentException("invalid prefix length '" + l + "' in '" + t + "'");
            }
        }
        return of(bytes, len);
    }

    /** Parses a numeric IPv4 or IPv6 address without any name lookup. */
    public static byte[] parseAddress(String addr) {
        if (addr.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        if (addr.indexOf(':') >= 0) {
            if (!addr.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                throw new IllegalArgumentException("invalid IPv6 address '" + addr + "'");
            }
            try {
                byte[] b = InetAddress.getByName(addr).getAddress();
                if (b.length == 4) { // IPv4-mapped: keep the v6 form
                    byte[] m = new byte[16];
                    m[10] = (byte) 0xff;
                    m[11] = (byte) 0xff;
                    System.arraycopy(b, 0, m, 12, 4);
                    return m;
                }
                return b;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("invalid IPv6 address '" + addr + "'");
            }
        }
        String[] parts = addr.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("invalid IPv4 address '" + addr + "'");
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("invalid IPv4 address '" + addr + "'");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("invalid IPv4 address '" + addr + "'");
            }
            b[i] = (byte) v;
        }
        return b;
    }

    /** A copy of the (masked) address bytes, 4 or 16 long. */
    public byte[] address() {
        byte[] a = new byte[ipv6 ? 16 : 4];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) ((i < 8 ? hi : lo) >>> (56 - 8 * (i & 7)));
        }
        return a;
    }

    /**
     * Eight address bytes from {@code offset} (0 or 8) as a big-endian long, without copying the
     * address; an IPv4 address (offset 0) fills the top 32 bits.
     */
    public long addressBits(int offset) {
        return offset == 0 ? hi : offset == 8 ? lo : bits(address(), offset);
    }

    public InetAddress inetAddress() {
        try {
            return InetAddress.getByAddress(address());
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    public int length() {
        return length;
    }

    public boolean isIpv6() {
        return ipv6;
    }

    /** Whether {@code addr} (4 or 16 bytes) lies inside this prefix. */
    public boolean contains(byte[] addr) {
        if (addr.length != (ipv6 ? 16 : 4)) {
            return false;
        }
        return ((bits(addr, 0) ^ hi) & maskBits(length)) == 0 && ((bits(addr, 8) ^ lo) & maskBits(length - 64)) == 0;
    }

    @Override
    public int compareTo(Prefix o) {
        if (ipv6 != o.ipv6) {
            return ipv6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, o.hi);
        if (c == 0) {
            c = Long.compareUnsigned(lo, o.lo);
        }
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prefix p && hash == p.hash && length == p.length && hi == p.hi && lo == p.lo && ipv6 == p.ipv6;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Canonical text, e.g. {@code 10.0.0.0/8} or {@code fd00::/64}. */
    @Override
    public String toString() {
        return appendTo(new StringBuilder(ipv6 ? 43 : 18)).toString();
    }

    /**
     * Appends the canonical text ({@link #toString}) to {@code sb} without intermediate objects:
     * a million of them make one {@code wg show} reply or one subscription snapshot.
     */
    public StringBuilder appendTo(StringBuilder sb) {
        if (ipv6) {
            Ipv6Text.append(sb, hi, lo);
        } else {
            int a = (int) (hi >>> 32);
            sb.append(a >>> 24).append('.').append(a >>> 16 & 0xff).append('.').append(a >>> 8 & 0xff).append('.')
                    .append(a & 0xff);
        }
        return sb.append('/').append(length);
    }
}
