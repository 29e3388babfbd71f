package dev.keyroute.it;

import java.security.SecureRandom;

/**
 * Unique names for namespaces and interfaces. /var/run/wireguard is shared by every namespace on
 * the host, so two tests (or a leftover from a crashed run) must never pick the same interface name.
 */
public final class Names {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    /** Linux IFNAMSIZ minus the terminating NUL. */
    public static final int MAX_IFNAME = 15;

    private Names() {
    }

    /** {@code "kr"} followed by {@code randomChars} random lowercase letters and digits. */
    public static String unique(int randomChars) {
        StringBuilder sb = new StringBuilder("kr");
        for (int i = 0; i < randomChars; i++) {
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** A WireGuard interface name: 7 characters, well under {@link #MAX_IFNAME}. */
    public static String ifname() {
        return unique(5);
    }

    /** A network namespace name. */
    public static String netns() {
        return unique(8);
    }
}
