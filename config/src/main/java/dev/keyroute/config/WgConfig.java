package dev.keyroute.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole configuration: one interface, its peers in file order (public keys unique) and the
 * keyroute options. Immutable; build with {@link #builder()}. {@link #toString()} never prints
 * private or preshared keys.
 */
public final class WgConfig {
    private final InterfaceConfig iface;
    private final List<PeerConfig> peers;
    private final KeyrouteOptions keyroute;

    private WgConfig(Builder b) {
        iface = b.iface;
        peers = List.copyOf(b.peers.values());
        keyroute = b.keyroute;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().setInterface(iface).addPeers(peers).setKeyroute(keyroute);
    }

    public InterfaceConfig iface() {
        return iface;
    }

    public List<PeerConfig> peers() {
        return peers;
    }

    public Optional<PeerConfig> peer(Key publicKey) {
        return peers.stream().filter(p -> p.publicKey().equals(publicKey)).findFirst();
    }

    public KeyrouteOptions keyroute() {
        return keyroute;
    }

    /** Whether anything beyond what {@code wg setconf} accepts is set (wg-quick keys or [keyroute]). */
    public boolean hasWgQuickSettings() {
        return iface.hasWgQuickSettings() || !keyroute.isDefault();
    }

    /** Only what {@code wg setconf} accepts, like {@code wg-quick strip}; keyroute options default. */
    public WgConfig strip() {
        return new Builder().setInterface(iface.strip()).addPeers(peers).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WgConfig c && iface.equals(c.iface) && peers.equals(c.peers) && keyroute.equals(c.keyroute);
    }

    @Override
    public int hashCode() {
        return Objects.hash(iface, peers, keyroute);
    }

    @Override
    public String toString() {
        return "WgConfig{" + iface + ", peers=" + peers + ", " + keyroute + "}";
    }

    /** Mutable, validating builder. */
    public static final class Builder {
        private InterfaceConfig iface = InterfaceConfig.builder().build();
        private final LinkedHashMap<Key, PeerConfig> peers = new LinkedHashMap<>();
        private KeyrouteOptions keyroute = KeyrouteOptions.defaults();

        private Builder() {
        }

        public Builder setInterface(InterfaceConfig value) {
            iface = Objects.requireNonNull(value, "interface");
            return this;
        }

        /** Appends a peer; a second peer with the same public key is refused. */
        public Builder addPeer(PeerConfig peer) {
            if (peers.putIfAbsent(peer.publicKey(), peer) != null) {
                throw new IllegalArgumentException("duplicate peer " + peer.publicKey().toBase64());
            }
            return this;
        }

        public Builder addPeers(Collection<PeerConfig> list) {
            list.forEach(this::addPeer);
            return this;
        }

        public Builder setKeyroute(KeyrouteOptions value) {
            keyroute = Objects.requireNonNull(value, "keyroute");
            return this;
        }

        public WgConfig build() {
            return new WgConfig(this);
        }
    }
}
