package dev.keyroute.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes configs in wg-quick or {@code wg setconf} form, in the key order {@code wg showconf}
 * uses. Output of either method parses back (with the matching {@link ConfigParser.Dialect}) to
 * an equal config; {@link #writeSetconf} drops what setconf refuses, so it round-trips
 * {@link WgConfig#strip()}. The output contains private and preshared keys: treat it as secret.
 */
public final class ConfigWriter {
    private ConfigWriter() {
    }

    /** wg-quick form: every setting, plus a {@code [keyroute]} section when options differ from defaults. */
    public static String writeWgQuick(WgConfig config) {
        return write(config, true);
    }

    /** {@code wg setconf} form: no wg-quick keys, no {@code [keyroute]} section. */
    public static String writeSetconf(WgConfig config) {
        return write(config, false);
    }

    private static String write(WgConfig config, boolean wgQuick) {
        StringBuilder sb = new StringBuilder();
        writeInterface(sb, config.iface(), wgQuick);
        for (PeerConfig p : config.peers()) {
            sb.append('\n');
            writePeer(sb, p);
        }
        if (wgQuick && !config.keyroute().isDefault()) {
            sb.append('\n');
            writeKeyroute(sb, config.keyroute());
        }
        return sb.toString();
    }

    private static void writeInterface(StringBuilder sb, InterfaceConfig c, boolean wgQuick) {
        sb.append("[Interface]\n");
        c.privateKey().ifPresent(k -> line(sb, ConfigKey.PRIVATE_KEY, k.toBase64()));
        c.listenPort().ifPresent(p -> line(sb, ConfigKey.LISTEN_PORT, Integer.toString(p)));
        if (c.fwMark() != 0) {
            line(sb, ConfigKey.FW_MARK, "0x" + Integer.toHexString(c.fwMark()));
        }
        if (!wgQuick) {
            return;
        }
        if (!c.addresses().isEmpty()) {
            line(sb, ConfigKey.ADDRESS, join(c.addresses()));
        }
        List<String> dns = new ArrayList<>();
        for (InetAddress a : c.dnsServers()) {
            dns.add(Values.addressText(a.getAddress()));
        }
        dns.addAll(c.dnsSearchDomains());
        if (!dns.isEmpty()) {
            line(sb, ConfigKey.DNS, String.join(", ", dns));
        }
        c.mtu().ifPresent(m -> line(sb, ConfigKey.MTU, Integer.toString(m)));
        c.table().ifPresent(t -> line(sb, ConfigKey.TABLE, t));
        c.preUp().forEach(h -> line(sb, ConfigKey.PRE_UP, h));
        c.postUp().forEach(h -> line(sb, ConfigKey.POST_UP, h));
        c.preDown().forEach(h -> line(sb, ConfigKey.PRE_DOWN, h));
        c.postDown().forEach(h -> line(sb, ConfigKey.POST_DOWN, h));
        if (c.saveConfig()) {
            line(sb, ConfigKey.SAVE_CONFIG, "true");
        }
    }

    private static void writePeer(StringBuilder sb, PeerConfig p) {
        sb.append("[Peer]\n");
        line(sb, ConfigKey.PUBLIC_KEY, p.publicKey().toBase64());
        p.presharedKey().ifPresent(k -> line(sb, ConfigKey.PRESHARED_KEY, k.toBase64()));
        if (!p.allowedIps().isEmpty()) {
            line(sb, ConfigKey.ALLOWED_IPS, join(p.allowedIps()));
        }
        p.endpoint().ifPresent(e -> line(sb, ConfigKey.ENDPOINT, e.toString()));
        if (p.persistentKeepalive() != 0) {
            line(sb, ConfigKey.PERSISTENT_KEEPALIVE, Integer.toString(p.persistentKeepalive()));
        }
    }

    /** Only the options that differ from the defaults. */
    private static void writeKeyroute(StringBuilder sb, KeyrouteOptions k) {
        KeyrouteOptions d = KeyrouteOptions.defaults();
        sb.append("[keyroute]\n");
        if (!k.tables().equals(d.tables())) {
            line(sb, ConfigKey.TABLES, k.tables().stream().map(KeyrouteOptions::tableText)
                    .collect(Collectors.joining(", ")));
        }
        if (k.sourceCheck() != d.sourceCheck()) {
            line(sb, ConfigKey.SOURCE_CHECK, k.sourceCheck().text());
        }
        if (k.multicast() != d.multicast()) {
            line(sb, ConfigKey.MULTICAST, k.multicast().text());
        }
        if (!k.metricsAddress().equals(d.metricsAddress())) {
            line(sb, ConfigKey.METRICS_ADDRESS, k.metricsAddress().map(Endpoint::toString).orElse("off"));
        }
        k.controlSocket().ifPresent(p -> line(sb, ConfigKey.CONTROL_SOCKET, p.toString()));
    }

    private static String join(List<?> items) {
        return items.stream().map(Object::toString).collect(Collectors.joining(", "));
    }

    private static void line(StringBuilder sb, ConfigKey key, String value) {
        sb.append(key.title()).append(" = ").append(value).append('\n');
    }
}
