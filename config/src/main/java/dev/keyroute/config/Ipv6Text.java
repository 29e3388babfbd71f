package dev.keyroute.config;

/** RFC 5952 text for IPv6 addresses (the JDK prints no "::" compression). */
public final class Ipv6Text {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Ipv6Text() {
    }

    public static String compress(byte[] a) {
        return append(new StringBuilder(39), Prefix.bits(a, 0), Prefix.bits(a, 8)).toString();
    }

    /**
     * Appends the RFC 5952 text of the address whose bytes 0..7 are {@code hi} and 8..15 are
     * {@code lo} (big-endian): lower-case hex groups without leading zeros, the longest run of two
     * or more zero groups (the first of equal runs) as "::". No intermediate strings.
     */
    public static StringBuilder append(StringBuilder sb, long hi, long lo) {
        int bestStart = -1;
        int bestLen = 1; // a single zero group is not compressed
        for (int i = 0; i < 8; ) {
            if (group(hi, lo, i) != 0) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < 8 && group(hi, lo, j) == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) {
                sb.append(':');
            }
            hex(sb, group(hi, lo, i));
        }
        return sb;
    }

    /** The 16-bit group {@code i} (0..7) of the address. */
    private static int group(long hi, long lo, int i) {
        return (int) ((i < 4 ? hi : lo) >>> (48 - 16 * (i & 3))) & 0xffff;
    }

    private static void hex(StringBuilder sb, int g) {
        for (int shift = g == 0 ? 0 : (31 - Integer.numberOfLeadingZeros(g)) & ~3; shift >= 0; shift -= 4) {
            sb.append(HEX[(g >>> shift) & 0xf]);
        }
    }
}
