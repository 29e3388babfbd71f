package dev.keyroute.config;

import java.nio.file.Path;

/**
 * Interface names as wg-quick accepts them: 1..15 characters of {@code [a-zA-Z0-9_=+.-]}, taken
 * from the config file name ({@code /etc/wireguard/wg0.conf} → {@code wg0}).
 */
public final class InterfaceName {
    public static final int MAX_LENGTH = 15; // IFNAMSIZ - 1

    private InterfaceName() {
    }

    public static boolean isValid(String name) {
        return !name.isEmpty() && name.length() <= MAX_LENGTH && !name.equals(".") && !name.equals("..")
                && name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                        || (c >= '0' && c <= '9') || c == '_' || c == '=' || c == '+' || c == '.' || c == '-');
    }

    /** Returns {@code name} or throws {@link IllegalArgumentException}. */
    public static String check(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("invalid interface name '" + name + "'");
        }
        return name;
    }

    /** The interface name a wg-quick config file implies: its file name without {@code .conf}. */
    public static String fromConfigPath(Path file) {
        Path fn = file.getFileName();
        String name = fn == null ? "" : fn.toString();
        if (!name.endsWith(".conf")) {
            throw new IllegalArgumentException("config file name '" + name + "' does not end in .conf");
        }
        return check(name.substring(0, name.length() - ".conf".length()));
    }
}
