package dev.keyroute.config;

/**
 * Every key a config file may hold: its section, its canonical spelling, whether repeating it
 * appends (lists) or is an error, and whether only wg-quick (not {@code wg setconf}) accepts it.
 */
enum ConfigKey {
    PRIVATE_KEY(Section.INTERFACE, "PrivateKey", false, false),
    LISTEN_PORT(Section.INTERFACE, "ListenPort", false, false),
    FW_MARK(Section.INTERFACE, "FwMark", false, false),
    ADDRESS(Section.INTERFACE, "Address", true, true),
    DNS(Section.INTERFACE, "DNS", true, true),
    MTU(Section.INTERFACE, "MTU", false, true),
    TABLE(Section.INTERFACE, "Table", false, true),
    PRE_UP(Section.INTERFACE, "PreUp", true, true),
    POST_UP(Section.INTERFACE, "PostUp", true, true),
    PRE_DOWN(Section.INTERFACE, "PreDown", true, true),
    POST_DOWN(Section.INTERFACE, "PostDown", true, true),
    SAVE_CONFIG(Section.INTERFACE, "SaveConfig", false, true),

    PUBLIC_KEY(Section.PEER, "PublicKey", false, false),
    PRESHARED_KEY(Section.PEER, "PresharedKey", false, false),
    ALLOWED_IPS(Section.PEER, "AllowedIPs", true, false),
    ENDPOINT(Section.PEER, "Endpoint", false, false),
    PERSISTENT_KEEPALIVE(Section.PEER, "PersistentKeepalive", false, false),

    TABLES(Section.KEYROUTE, "Tables", true, true),
    SOURCE_CHECK(Section.KEYROUTE, "SourceCheck", false, true),
    MULTICAST(Section.KEYROUTE, "Multicast", false, true),
    METRICS_ADDRESS(Section.KEYROUTE, "MetricsAddress", false, true),
    CONTROL_SOCKET(Section.KEYROUTE, "ControlSocket", false, true);

    private final Section section;
    private final String title;
    private final boolean repeatable;
    private final boolean wgQuickOnly;

    ConfigKey(Section section, String title, boolean repeatable, boolean wgQuickOnly) {
        this.section = section;
        this.title = title;
        this.repeatable = repeatable;
        this.wgQuickOnly = wgQuickOnly;
    }

    Section section() {
        return section;
    }

    /** Canonical spelling, as written by the writer and shown in errors. */
    String title() {
        return title;
    }

    /** Repeating the key appends to a list instead of being an error. */
    boolean repeatable() {
        return repeatable;
    }

    /** {@code wg setconf} refuses this key. */
    boolean wgQuickOnly() {
        return wgQuickOnly;
    }

    /** The key of {@code section} spelled {@code name} in any case, or {@code null}. */
    static ConfigKey lookup(Section section, String name) {
        for (ConfigKey k : values()) {
            if (k.section == section && k.title.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }
}
