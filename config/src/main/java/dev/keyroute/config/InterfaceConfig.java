package dev.keyroute.config;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The {@code [Interface]} section: the device settings {@code wg setconf} understands (PrivateKey,
 * ListenPort, FwMark) and the ones only wg-quick acts on (Address, DNS, MTU, Table, hooks,
 * SaveConfig). Immutable; build with {@link #builder()}. {@link #toString()} never prints the
 * private key.
 */
public final class InterfaceConfig {
    public static final int MIN_MTU = 68;
    public static final int MAX_MTU = 65535;

    private final Key privateKey; // nullable
    private final Integer listenPort; // nullable
    private final int fwMark;
    private final List<InterfaceAddress> addresses;
    private final List<InetAddress> dnsServers;
    private final List<String> dnsSearchDomains;
    private final Integer mtu; // nullable
    private final String table; // nullable
    private final List<String> preUp;
    private final List<String> postUp;
    private final List<String> preDown;
    private final List<String> postDown;
    private final boolean saveConfig;

    private InterfaceConfig(Builder b) {
        privateKey = b.privateKey;
        listenPort = b.listenPort;
        fwMark = b.fwMark;
        addresses = List.copyOf(b.addresses);
        dnsServers = List.copyOf(b.dnsServers);
        dnsSearchDomains = List.copyOf(b.dnsSearchDomains);
        mtu = b.mtu;
        table = b.table;
        preUp = List.copyOf(b.preUp);
        postUp = List.copyOf(b.postUp);
        preDown = List.copyOf(b.preDown);
        postDown = List.copyOf(b.postDown);
        saveConfig = b.saveConfig;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.privateKey = privateKey;
        b.listenPort = listenPort;
        b.fwMark = fwMark;
        b.addresses.addAll(addresses);
        b.dnsServers.addAll(dnsServers);
        b.dnsSearchDomains.addAll(dnsSearchDomains);
        b.mtu = mtu;
        b.table = table;
        b.preUp.addAll(preUp);
        b.postUp.addAll(postUp);
        b.preDown.addAll(preDown);
        b.postDown.addAll(postDown);
        b.saveConfig = saveConfig;
        return b;
    }

    public Optional<Key> privateKey() {
        return Optional.ofNullable(privateKey);
    }

    /** Empty when not set (the kernel then picks a random port). */
    public OptionalInt listenPort() {
        return listenPort == null ? OptionalInt.empty() : OptionalInt.of(listenPort);
    }

    /** Firewall mark as an unsigned 32-bit value; 0 means off. */
    public int fwMark() {
        return fwMark;
    }

    public List<InterfaceAddress> addresses() {
        return addresses;
    }

    public List<InetAddress> dnsServers() {
        return dnsServers;
    }

    public List<String> dnsSearchDomains() {
        return dnsSearchDomains;
    }

    public OptionalInt mtu() {
        return mtu == null ? OptionalInt.empty() : OptionalInt.of(mtu);
    }

    /** wg-quick's Table: {@code off}, {@code auto}, a number or a table name. */
    public Optional<String> table() {
        return Optional.ofNullable(table);
    }

    public List<String> preUp() {
        return preUp;
    }

    public List<String> postUp() {
        return postUp;
    }

    public List<String> preDown() {
        return preDown;
    }

    public List<String> postDown() {
        return postDown;
    }

    public boolean saveConfig() {
        return saveConfig;
    }

    /** Whether any setting only wg-quick understands is present. */
    public boolean hasWgQuickSettings() {
        return !addresses.isEmpty() || !dnsServers.isEmpty() || !dnsSearchDomains.isEmpty() || mtu != null
                || table != null || !preUp.isEmpty() || !postUp.isEmpty() || !preDown.isEmpty()
                || !postDown.isEmpty() || saveConfig;
    }

    /** The settings {@code wg setconf} understands, as {@code wg-quick strip} keeps them. */
    public InterfaceConfig strip() {
        Builder b = new Builder();
        b.privateKey = privateKey;
        b.listenPort = listenPort;
        b.fwMark = fwMark;
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InterfaceConfig c && Objects.equals(privateKey, c.privateKey)
                && Objects.equals(listenPort, c.listenPort) && fwMark == c.fwMark
                && addresses.equals(c.addresses) && dnsServers.equals(c.dnsServers)
                && dnsSearchDomains.equals(c.dnsSearchDomains) && Objects.equals(mtu, c.mtu)
                && Objects.equals(table, c.table) && preUp.equals(c.preUp) && postUp.equals(c.postUp)
                && preDown.equals(c.preDown) && postDown.equals(c.postDown) && saveConfig == c.saveConfig;
    }

    @Override
    public int hashCode() {
        return Objects.hash(privateKey, listenPort, fwMark, addresses, dnsServers, dnsSearchDomains, mtu, table,
                preUp, postUp, preDown, postDown, saveConfig);
    }

    /** Never prints the private key, only whether one is set. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("InterfaceConfig{privateKey=")
                .append(privateKey == null ? "none" : "(redacted)");
        if (listenPort != null) {
            sb.append(", listenPort=").append(listenPort);
        }
        if (fwMark != 0) {
            sb.append(", fwMark=0x").append(Integer.toHexString(fwMark));
        }
        if (!addresses.isEmpty()) {
            sb.append(", addresses=").append(addresses);
        }
        if (!dnsServers.isEmpty() || !dnsSearchDomains.isEmpty()) {
            sb.append(", dns=").append(dnsServers.stream().map(a -> Values.addressText(a.getAddress())).toList())
                    .append(dnsSearchDomains);
        }
        if (mtu != null) {
            sb.append(", mtu=").append(mtu);
        }
        if (table != null) {
            sb.append(", table=").append(table);
        }
        int hooks = preUp.size() + postUp.size() + preDown.size() + postDown.size();
        if (hooks > 0) {
            sb.append(", hooks=").append(hooks);
        }
        if (saveConfig) {
            sb.append(", saveConfig=true");
        }
        return sb.append('}').toString();
    }

    /** Mutable, validating builder. Setters throw {@link IllegalArgumentException} on bad values. */
    public static final class Builder {
        private Key privateKey;
        private Integer listenPort;
        private int fwMark;
        private final LinkedHashSet<InterfaceAddress> addresses = new LinkedHashSet<>();
        private final LinkedHashSet<InetAddress> dnsServers = new LinkedHashSet<>();
        private final LinkedHashSet<String> dnsSearchDomains = new LinkedHashSet<>();
        private Integer mtu;
        private String table;
        private final List<String> preUp = new ArrayList<>();
        private final List<String> postUp = new ArrayList<>();
        private final List<String> preDown = new ArrayList<>();
        private final List<String> postDown = new ArrayList<>();
        private boolean saveConfig;

        private Builder() {
        }

        public Builder setPrivateKey(Key key) {
            privateKey = Objects.requireNonNull(key, "key");
            return this;
        }

        public Builder clearPrivateKey() {
            privateKey = null;
            return this;
        }

        /** 0..65535; 0 asks for a random port. */
        public Builder setListenPort(int port) {
            Values.checkRange("listen port", port, 0, 65535);
            listenPort = port;
            return this;
        }

        /** Unsigned 32-bit mark; 0 is off. */
        public Builder setFwMark(int mark) {
            fwMark = mark;
            return this;
        }

        /** Adds an address; an address already present is ignored. */
        public Builder addAddress(InterfaceAddress address) {
            addresses.add(Objects.requireNonNull(address, "address"));
            return this;
        }

        public Builder addAddresses(Collection<InterfaceAddress> list) {
            list.forEach(this::addAddress);
            return this;
        }

        public Builder addDnsServer(InetAddress server) {
            dnsServers.add(Objects.requireNonNull(server, "server"));
            return this;
        }

        public Builder addDnsSearchDomain(String domain) {
            if (Values.looksNumeric(domain)) {
                throw new IllegalArgumentException("search domain '" + domain + "' looks like an address");
            }
            dnsSearchDomains.add(Values.hostname(domain));
            return this;
        }

        public Builder setMtu(int value) {
            Values.checkRange("MTU", value, MIN_MTU, MAX_MTU);
            mtu = value;
            return this;
        }

        /** {@code off}, {@code auto}, a table number or a table name. */
        public Builder setTable(String value) {
            if (value.isEmpty() || value.length() > 64 || !value.chars().allMatch(c -> (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.')) {
                throw new IllegalArgumentException("invalid table '" + value + "'");
            }
            table = value;
            return this;
        }

        public Builder addPreUp(String command) {
            preUp.add(Values.hook(command));
            return this;
        }

        public Builder addPostUp(String command) {
            postUp.add(Values.hook(command));
            return this;
        }

        public Builder addPreDown(String command) {
            preDown.add(Values.hook(command));
            return this;
        }

        public Builder addPostDown(String command) {
            postDown.add(Values.hook(command));
            return this;
        }

        public Builder setSaveConfig(boolean value) {
            saveConfig = value;
            return this;
        }

        public InterfaceConfig build() {
            return new InterfaceConfig(this);
        }
    }
}
