package dev.keyroute.wgcore.device;

/**
 * Which layer of the {@link AllowedIpsTable} an entry comes from, highest priority first: the
 * config file and {@code wg} tool ({@code static}), kernel routes ({@code route}), and the control
 * socket's incremental API ({@code api}). For one exact prefix the highest layer present wins.
 */
public enum EntrySource {
    STATIC("static"),
    ROUTE("route"),
    API("api");

    private final String label;

    EntrySource(String label) {
        this.label = label;
    }

    /** Lowercase name used on the control socket and in metrics. */
    public String label() {
        return label;
    }
}
