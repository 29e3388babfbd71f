package dev.keyroute.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads wg-quick and {@code wg setconf} files: {@code [Interface]}, {@code [Peer]} and
 * {@code [keyroute]} sections (names in any case), {@code Key = Value} lines (keys in any case),
 * {@code #} comments to the end of a line, blank lines, comma-separated lists. Repeating a list
 * key (AllowedIPs, Address, DNS, Tables, the hooks) appends; repeating any other key is an error.
 * The first problem found is thrown as a {@link ConfigException} with its line; nothing is
 * returned half-read.
 */
public final class ConfigParser {
    /** Which file format to accept. */
    public enum Dialect {
        /** wg-quick's format plus the {@code [keyroute]} section. */
        WG_QUICK,
        /** Only what {@code wg setconf} accepts: wg-quick keys and {@code [keyroute]} are refused. */
        SETCONF
    }

    private static final int MAX_KEY_NAME = 32;
    private static final Pattern KEY_SHAPE = Pattern.compile("[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=?");

    private final String file;
    private final Dialect dialect;

    private Section section;
    private int sectionLine;
    private final Map<ConfigKey, Integer> seenKeys = new EnumMap<>(ConfigKey.class);
    private final Map<Section, Integer> seenSections = new EnumMap<>(Section.class);
    private final Map<Key, Integer> peerKeyLines = new HashMap<>();

    private final InterfaceConfig.Builder iface = InterfaceConfig.builder();
    private final KeyrouteOptions.Builder keyroute = KeyrouteOptions.builder();
    private final WgConfig.Builder config = WgConfig.builder();
    private PeerConfig.Builder peer;

    private ConfigParser(String file, Dialect dialect) {
        this.file = file;
        this.dialect = dialect;
    }

    /** Parses a wg-quick file; {@code fileName} appears in error messages. */
    public static WgConfig parse(String fileName, Reader reader) throws IOException, ConfigException {
        return parse(fileName, reader, Dialect.WG_QUICK);
    }

    public static WgConfig parse(String fileName, Reader reader, Dialect dialect) throws IOException, ConfigException {
        return new ConfigParser(fileName, dialect).read(reader);
    }

    /** Parses a wg-quick file (UTF-8); errors name the file as given. */
    public static WgConfig parse(Path path) throws IOException, ConfigException {
        return parse(path, Dialect.WG_QUICK);
    }

    public static WgConfig parse(Path path, Dialect dialect) throws IOException, ConfigException {
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return parse(path.toString(), r, dialect);
        }
    }

    private WgConfig read(Reader reader) throws IOException, ConfigException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        int lineNo = 0;
        for (String raw; (raw = in.readLine()) != null; ) {
            lineNo++;
            if (lineNo == 1 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            int hash = raw.indexOf('#');
            String line = (hash < 0 ? raw : raw.substring(0, hash)).trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                header(line, lineNo);
            } else {
                entry(line, lineNo);
            }
        }
        endSection();
        if (!seenSections.containsKey(Section.INTERFACE)) {
            throw new ConfigException(file, 0, null, null, "missing [Interface] section");
        }
        return config.setInterface(iface.build()).setKeyroute(keyroute.build()).build();
    }

    private void header(String line, int lineNo) throws ConfigException {
        if (!line.endsWith("]")) {
            throw new ConfigException(file, lineNo, null, null, "invalid section header");
        }
        String name = line.substring(1, line.length() - 1).trim();
        Section s = Section.lookup(name);
        if (s == null) {
            throw new ConfigException(file, lineNo, null, null, "unknown section [" + name + "]");
        }
        endSection();
        if (s == Section.KEYROUTE && dialect == Dialect.SETCONF) {
            throw new ConfigException(file, lineNo, s.title(), null,
                    "section is keyroute's own; wg setconf refuses it");
        }
        Integer first = seenSections.putIfAbsent(s, lineNo);
        if (first != null && s != Section.PEER) {
            throw new ConfigException(file, lineNo, s.title(), null,
                    "duplicate section (first at line " + first + ")");
        }
        section = s;
        sectionLine = lineNo;
        seenKeys.clear();
        if (s == Section.PEER) {
            peer = PeerConfig.builder();
        }
    }

    private void endSection() throws ConfigException {
        if (section == Section.PEER) {
            Integer keyLine = seenKeys.get(ConfigKey.PUBLIC_KEY);
            if (keyLine == null) {
                throw new ConfigException(file, sectionLine, section.title(), ConfigKey.PUBLIC_KEY.title(),
                        "peer has no public key");
            }
            config.addPeer(peer.build());
            peer = null;
        }
        section = null;
    }

    private void entry(String line, int lineNo) throws ConfigException {
        int eq = line.indexOf('=');
        if (eq < 0) {
            // The line is not echoed: it could be a key pasted on its own.
            throw new ConfigException(file, lineNo, section == null ? null : section.title(), null,
                    "expected 'Key = Value'");
        }
        String name = line.substring(0, eq).trim();
        String value = line.substring(eq + 1).trim();
        if (!isKeyName(name)) {
            // Not echoed: a base64 key pasted on its own line ends in '=' and lands here.
            throw new ConfigException(file, lineNo, section == null ? null : section.title(), null,
                    "invalid key name");
        }
        if (section == null) {
            throw new ConfigException(file, lineNo, null, name, "key outside a section");
        }
        ConfigKey key = ConfigKey.lookup(section, name);
        if (key == null) {
            throw new ConfigException(file, lineNo, section.title(), name, "unknown key");
        }
        if (key.wgQuickOnly() && dialect == Dialect.SETCONF) {
            throw new ConfigException(file, lineNo, section.title(), key.title(),
                    "wg-quick setting; wg setconf refuses it");
        }
        Integer first = seenKeys.putIfAbsent(key, lineNo);
        if (first != null && !key.repeatable()) {
            throw new ConfigException(file, lineNo, section.title(), key.title(),
                    "duplicate key (first at line " + first + ")");
        }
        try {
            apply(key, value, lineNo);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, lineNo, section.title(), key.title(), redact(e.getMessage()));
        }
    }

    /** Blanks anything shaped like a base64 key that a misplaced value put into a reason. */
    private static String redact(String reason) {
        return KEY_SHAPE.matcher(reason).replaceAll("(redacted)");
    }

    /** Letters, digits, '_' and '-', starting with a letter, shorter than any base64 key. */
    private static boolean isKeyName(String name) {
        if (name.isEmpty() || name.length() > MAX_KEY_NAME || !Character.isLetter(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9') || c == '_' || c == '-');
    }

    private void apply(ConfigKey key, String value, int lineNo) {
        switch (key) {
            case PRIVATE_KEY -> iface.setPrivateKey(Values.key(value));
            case LISTEN_PORT -> iface.setListenPort(Values.number("listen port", value, 0, 65535));
            case FW_MARK -> iface.setFwMark(value.equalsIgnoreCase("off") ? 0 : (int) Values.u32(value));
            case ADDRESS -> Values.list(value).forEach(a -> iface.addAddress(InterfaceAddress.parse(a)));
            case DNS -> Values.list(value).forEach(this::addDns);
            case MTU -> iface.setMtu(Values.number("MTU", value, InterfaceConfig.MIN_MTU, InterfaceConfig.MAX_MTU));
            case TABLE -> iface.setTable(value);
            case PRE_UP -> iface.addPreUp(value);
            case POST_UP -> iface.addPostUp(value);
            case PRE_DOWN -> iface.addPreDown(value);
            case POST_DOWN -> iface.addPostDown(value);
            case SAVE_CONFIG -> iface.setSaveConfig(Values.bool(value));
            case PUBLIC_KEY -> setPublicKey(Values.key(value), lineNo);
            case PRESHARED_KEY -> peer.setPresharedKey(Values.key(value));
            case ALLOWED_IPS -> Values.list(value).forEach(p -> peer.addAllowedIp(Prefix.parse(p)));
            case ENDPOINT -> peer.setEndpoint(Endpoint.parse(value));
            case PERSISTENT_KEEPALIVE -> peer.setPersistentKeepalive(value.equalsIgnoreCase("off") ? 0
                    : Values.number("persistent keepalive", value, 0, PeerConfig.MAX_KEEPALIVE));
            case TABLES -> Values.list(value).forEach(t -> keyroute.addTable(KeyrouteOptions.parseTable(t)));
            case SOURCE_CHECK -> keyroute.setSourceCheck(KeyrouteOptions.SourceCheck.parse(value));
            case MULTICAST -> keyroute.setMulticast(KeyrouteOptions.Multicast.parse(value));
            case METRICS_ADDRESS -> keyroute.setMetricsAddress(
                    value.equalsIgnoreCase("off") ? null : Endpoint.parse(value));
            case CONTROL_SOCKET -> keyroute.setControlSocket(value);
        }
    }

    private void setPublicKey(Key key, int lineNo) {
        Integer other = peerKeyLines.putIfAbsent(key, lineNo);
        if (other != null) {
            throw new IllegalArgumentException("duplicate peer: same public key as the peer at line " + other);
        }
        peer.setPublicKey(key);
    }

    private void addDns(String item) {
        if (Values.looksNumeric(item)) {
            iface.addDnsServer(Values.address(item));
        } else {
            iface.addDnsSearchDomain(item);
        }
    }
}
