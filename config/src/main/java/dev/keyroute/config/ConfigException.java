package dev.keyroute.config;

/**
 * A configuration file was refused. Carries where (file, 1-based line, section, key) and why, and
 * formats them like a compiler error:
 * {@code wg0.conf:7: [Peer] AllowedIPs: invalid prefix length '33' in '10.0.0.0/33'}.
 * The message never contains a key's value when that value is secret.
 */
public final class ConfigException extends Exception {
    private final String file;
    private final int line;
    private final String section;
    private final String key;
    private final String reason;

    /**
     * @param file    file name as the user gave it, or {@code null}
     * @param line    1-based line number, or 0 when the problem concerns the whole file
     * @param section section name without brackets ({@code "Peer"}), or {@code null}
     * @param key     canonical key name ({@code "AllowedIPs"}), or {@code null}
     * @param reason  what is wrong, never {@code null}
     */
    public ConfigException(String file, int line, String section, String key, String reason) {
        super(format(file, line, section, key, reason));
        this.file = file;
        this.line = line;
        this.section = section;
        this.key = key;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** 1-based line number, 0 when the problem concerns the whole file. */
    public int line() {
        return line;
    }

    /** Section name without brackets, or {@code null} outside any section. */
    public String section() {
        return section;
    }

    /** Canonical key name, or {@code null} when the problem is not about one key. */
    public String key() {
        return key;
    }

    public String reason() {
        return reason;
    }

    private static String format(String file, int line, String section, String key, String reason) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<config>" : file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (section != null) {
            sb.append('[').append(section).append("] ");
        }
        if (key != null) {
            sb.append(key).append(": ");
        }
        return sb.append(reason).toString();
    }
}
