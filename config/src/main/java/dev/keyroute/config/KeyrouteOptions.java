package dev.keyroute.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code [keyroute]} section: what keyrouted adds to a WireGuard interface. Every setting has
 * a default, so a file without the section gets {@link #defaults()}. Immutable.
 */
public final class KeyrouteOptions {
    public static final int TABLE_DEFAULT = 253;
    public static final int TABLE_MAIN = 254;
    public static final int TABLE_LOCAL = 255;
    public static final Endpoint DEFAULT_METRICS_ADDRESS = Endpoint.of("127.0.0.1", 9586);
    public static final String CONTROL_SOCKET_DIR = "/run/keyroute";
    /** sun_path holds 108 bytes including the terminating NUL. */
    public static final int MAX_SOCKET_PATH_BYTES = 107;

    private static final KeyrouteOptions DEFAULTS = builder().build();

    /** Whether inbound packets must come from a peer the merged table routes their source to. */
    public enum SourceCheck {
        /** WireGuard's cryptokey reverse-path filter over static and route-derived entries. */
        STRICT,
        /** Accept any inner source from an authenticated peer; filtering is nftables' job. */
        OFF;

        public static SourceCheck parse(String text) {
            return switch (text.toLowerCase()) {
                case "strict" -> STRICT;
                case "off" -> OFF;
                default -> throw new IllegalArgumentException("expected strict or off, got '" + text + "'");
            };
        }

        public String text() {
            return name().toLowerCase();
        }
    }

    /** What happens to multicast packets sent into the interface. */
    public enum Multicast {
        /** IPv6 link-local-scope multicast (ff02::/16) is encrypted once per peer (docs/BABEL.md). */
        FANOUT,
        /** As WireGuard: multicast is looked up in AllowedIPs like unicast (usually no peer: dropped). */
        OFF;

        public static Multicast parse(String text) {
            return switch (text.toLowerCase()) {
                case "fanout" -> FANOUT;
                case "off" -> OFF;
                default -> throw new IllegalArgumentException("expected fanout or off, got '" + text + "'");
            };
        }

        public String text() {
            return name().toLowerCase();
        }
    }

    private final List<Integer> tables;
    private final SourceCheck sourceCheck;
    private final Multicast multicast;
    private final Endpoint metricsAddress; // null = off
    private final Path controlSocket; // null = default for the interface name

    private KeyrouteOptions(Builder b) {
        tables = List.copyOf(b.tables.isEmpty() ? List.of(TABLE_MAIN) : b.tables);
        sourceCheck = b.sourceCheck;
        multicast = b.multicast;
        metricsAddress = b.metricsAddress;
        controlSocket = b.controlSocket;
    }

    public static KeyrouteOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.tables.addAll(tables);
        b.sourceCheck = sourceCheck;
        b.multicast = multicast;
        b.metricsAddress = metricsAddress;
        b.controlSocket = controlSocket;
        return b;
    }

    /**
     * Parses a route table: a number 1..4294967295 or {@code main}, {@code local}, {@code default}.
     * Returns the id as an unsigned 32-bit int, as RTA_TABLE carries it.
     */
    public static int parseTable(String text) {
        return switch (text.toLowerCase()) {
            case "main" -> TABLE_MAIN;
            case "local" -> TABLE_LOCAL;
            case "default" -> TABLE_DEFAULT;
            default -> {
                if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("unknown route table '" + text
                            + "' (use a number or main, local, default)");
                }
                long v = Values.decimal(text, Values.MAX_U32);
                if (v == 0) {
                    throw new IllegalArgumentException("route table 0 is not a table");
                }
                yield (int) v;
            }
        };
    }

    /** Table text: the name for 253/254/255, else the unsigned number. */
    public static String tableText(int table) {
        return switch (table) {
            case TABLE_MAIN -> "main";
            case TABLE_LOCAL -> "local";
            case TABLE_DEFAULT -> "default";
            default -> Integer.toUnsignedString(table);
        };
    }

    /** Route tables to mirror, unsigned 32-bit ids, never empty; default {@code [254]} (main). */
    public List<Integer> tables() {
        return tables;
    }

    public SourceCheck sourceCheck() {
        return sourceCheck;
    }

    public Multicast multicast() {
        return multicast;
    }

    /** Where to serve Prometheus metrics; empty when off. */
    public Optional<Endpoint> metricsAddress() {
        return Optional.ofNullable(metricsAddress);
    }

    /** The control socket path as configured; empty means {@link #controlSocket(String)}'s default. */
    public Optional<Path> controlSocket() {
        return Optional.ofNullable(controlSocket);
    }

    /** The control socket path for interface {@code ifname}: configured, else /run/keyroute/ifname.sock. */
    public Path controlSocket(String ifname) {
        if (controlSocket != null) {
            return controlSocket;
        }
        InterfaceName.check(ifname);
        return Path.of(CONTROL_SOCKET_DIR, ifname + ".sock");
    }

    public boolean isDefault() {
        return equals(DEFAULTS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyrouteOptions k && tables.equals(k.tables) && sourceCheck == k.sourceCheck
                && multicast == k.multicast && Objects.equals(metricsAddress, k.metricsAddress)
                && Objects.equals(controlSocket, k.controlSocket);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tables, sourceCheck, multicast, metricsAddress, controlSocket);
    }

    @Override
    public String toString() {
        return "KeyrouteOptions{tables=" + tables.stream().map(KeyrouteOptions::tableText).toList()
                + ", sourceCheck=" + sourceCheck.text() + ", multicast=" + multicast.text()
                + ", metricsAddress=" + (metricsAddress == null ? "off" : metricsAddress)
                + ", controlSocket=" + (controlSocket == null ? "default" : controlSocket) + "}";
    }

    /** Mutable, validating builder. Setters throw {@link IllegalArgumentException} on bad values. */
    public static final class Builder {
        private final LinkedHashSet<Integer> tables = new LinkedHashSet<>();
        private SourceCheck sourceCheck = SourceCheck.STRICT;
        private Multicast multicast = Multicast.FANOUT;
        private Endpoint metricsAddress = DEFAULT_METRICS_ADDRESS;
        private Path controlSocket;

        private Builder() {
        }

        /** Adds a table id (unsigned; 0 refused); a table already present is ignored. */
        public Builder addTable(int table) {
            if (table == 0) {
                throw new IllegalArgumentException("route table 0 is not a table");
            }
            tables.add(table);
            return this;
        }

        public Builder addTables(Collection<Integer> list) {
            list.forEach(this::addTable);
            return this;
        }

        public Builder setSourceCheck(SourceCheck value) {
            sourceCheck = Objects.requireNonNull(value, "sourceCheck");
            return this;
        }

        public Builder setMulticast(Multicast value) {
            multicast = Objects.requireNonNull(value, "multicast");
            return this;
        }

        /** The metrics listen address, or {@code null} to turn metrics off. */
        public Builder setMetricsAddress(Endpoint value) {
            metricsAddress = value;
            return this;
        }

        /** An absolute path that fits in a unix socket address. */
        public Builder setControlSocket(Path value) {
            String s = value.toString();
            if (!value.isAbsolute()) {
                throw new IllegalArgumentException("control socket path '" + s + "' is not absolute");
            }
            if (s.indexOf('#') >= 0 || !s.strip().equals(s) || s.chars().anyMatch(c -> c < 0x20)) {
                throw new IllegalArgumentException("control socket path '" + s + "' has a forbidden character");
            }
            if (s.getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES) {
                throw new IllegalArgumentException("control socket path is longer than "
                        + MAX_SOCKET_PATH_BYTES + " bytes");
            }
            if (s.endsWith("/")) {
                throw new IllegalArgumentException("control socket path '" + s + "' names a directory");
            }
            controlSocket = value;
            return this;
        }

        /** Parses and sets a path; see {@link #setControlSocket(Path)}. */
        public Builder setControlSocket(String value) {
            try {
                return setControlSocket(Path.of(value));
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("invalid path '" + value + "'");
            }
        }

        public KeyrouteOptions build() {
            return new KeyrouteOptions(this);
        }
    }
}
