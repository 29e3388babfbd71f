package dev.keyroute.wgcore.allowedips;

import dev.keyroute.config.Prefix;
import java.util.SplittableRandom;

/**
 * Random prefixes and addresses that collide a lot: everything is derived from a few "site"
 * addresses with random bits flipped, so prefixes nest, overlap and repeat, and lookups land
 * inside them. Lengths include /0 and host routes. {@code shallow6}: IPv6 prefixes are mostly
 * /28../52 with their addresses varying in bits 16..59, the shape of Internet routes (so IPv6
 * lookups mostly end at /48 or shorter, in {@link Fast6}); otherwise mostly long ones near the
 * sites.
 */
final class RandomPrefixes {
    private final SplittableRandom rnd;
    private final byte[][] sites4;
    private final byte[][] sites6;
    private final Prefix[] recent = new Prefix[256];
    private int recentCount;
    private final boolean shallow6;

    RandomPrefixes(long seed, int sites) {
        this(seed, sites, false);
    }

    RandomPrefixes(long seed, int sites, boolean shallow6) {
        this.shallow6 = shallow6;
        rnd = new SplittableRandom(seed);
        sites4 = new byte[sites][];
        sites6 = new byte[sites][];
        for (int i = 0; i < sites; i++) {
            sites4[i] = randomBytes(4);
            sites6[i] = randomBytes(16);
        }
    }

    SplittableRandom random() {
        return rnd;
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rnd.nextInt(256);
        }
        return b;
    }

    /** An address near a site: a few random bits flipped, mostly in the low part. */
    byte[] address(boolean ipv6) {
        byte[][] sites = ipv6 ? sites6 : sites4;
        byte[] a = sites[rnd.nextInt(sites.length)].clone();
        int bits = a.length * 8;
        int flips = rnd.nextInt(4);
        for (int i = 0; i < flips; i++) {
            int b = rnd.nextInt(8) == 0 ? rnd.nextInt(bits)
                    : ipv6 && shallow6 ? 16 + rnd.nextInt(44)
                    : bits - 1 - rnd.nextInt(Math.min(bits, ipv6 ? 80 : 16));
            a[b >>> 3] ^= (byte) (0x80 >>> (b & 7));
        }
        if (rnd.nextInt(20) == 0) {
            a = randomBytes(a.length);
        }
        return a;
    }

    /**
     * Mostly a prefix generated before (so removals and replacements hit existing entries and
     * the table stays small enough for the linear reference), otherwise a new one.
     */
    Prefix existingOrNew(boolean ipv6) {
        if (recentCount > 0 && rnd.nextInt(4) != 0) {
            return recent[rnd.nextInt(Math.min(recentCount, recent.length))];
        }
        return prefix(ipv6);
    }

    Prefix prefix(boolean ipv6) {
        Prefix p = newPrefix(ipv6);
        recent[recentCount++ % recent.length] = p;
        return p;
    }

    private Prefix newPrefix(boolean ipv6) {
        int bits = ipv6 ? 128 : 32;
        int r = rnd.nextInt(100);
        int len;
        if (ipv6 && shallow6) {
            len = r < 3 ? 0 : r < 8 ? 128 : r < 20 ? rnd.nextInt(129) : 28 + rnd.nextInt(25);
        } else if (r < 3) {
            len = 0;
        } else if (r < 10) {
            len = bits;
        } else if (r < 30) {
            len = rnd.nextInt(bits + 1);
        } else {
            len = bits - rnd.nextInt(ipv6 ? 96 : 20); // long prefixes near the sites
        }
        return Prefix.of(address(ipv6), len);
    }
}
