package dev.keyroute.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code [Peer]} section. AllowedIPs are canonical prefixes (host bits masked), in the order
 * first given, without duplicates. Immutable; build with {@link #builder(Key)}.
 * {@link #toString()} prints the public key but never the preshared key.
 */
public final class PeerConfig {
    public static final int MAX_KEEPALIVE = 65535;

    private final Key publicKey;
    private final Key presharedKey; // nullable
    private final List<Prefix> allowedIps;
    private final Endpoint endpoint; // nullable
    private final int persistentKeepalive;

    private PeerConfig(Builder b) {
        publicKey = b.publicKey;
        presharedKey = b.presharedKey;
        allowedIps = List.copyOf(b.allowedIps);
        endpoint = b.endpoint;
        persistentKeepalive = b.persistentKeepalive;
    }

    public static Builder builder(Key publicKey) {
        return new Builder().setPublicKey(publicKey);
    }

    /** A builder whose public key must be set before {@link Builder#build()}. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder().setPublicKey(publicKey);
        b.presharedKey = presharedKey;
        b.allowedIps.addAll(allowedIps);
        b.endpoint = endpoint;
        b.persistentKeepalive = persistentKeepalive;
        return b;
    }

    public Key publicKey() {
        return publicKey;
    }

    public Optional<Key> presharedKey() {
        return Optional.ofNullable(presharedKey);
    }

    public List<Prefix> allowedIps() {
        return allowedIps;
    }

    public Optional<Endpoint> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** Seconds between keepalives, 0 when off. */
    public int persistentKeepalive() {
        return persistentKeepalive;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerConfig p && publicKey.equals(p.publicKey)
                && Objects.equals(presharedKey, p.presharedKey) && allowedIps.equals(p.allowedIps)
                && Objects.equals(endpoint, p.endpoint) && persistentKeepalive == p.persistentKeepalive;
    }

    @Override
    public int hashCode() {
        return Objects.hash(publicKey, presharedKey, allowedIps, endpoint, persistentKeepalive);
    }

    /** Public key in base64 (it is not secret); the preshared key only as present or not. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PeerConfig{publicKey=").append(publicKey.toBase64());
        if (presharedKey != null) {
            sb.append(", presharedKey=(redacted)");
        }
        sb.append(", allowedIps=").append(allowedIps);
        if (endpoint != null) {
            sb.append(", endpoint=").append(endpoint);
        }
        if (persistentKeepalive != 0) {
            sb.append(", persistentKeepalive=").append(persistentKeepalive);
        }
        return sb.append('}').toString();
    }

    /** Mutable, validating builder. Setters throw {@link IllegalArgumentException} on bad values. */
    public static final class Builder {
        private Key publicKey;
        private Key presharedKey;
        private final LinkedHashSet<Prefix> allowedIps = new LinkedHashSet<>();
        private Endpoint endpoint;
        private int persistentKeepalive;

        private Builder() {
        }

        public Builder setPublicKey(Key key) {
            publicKey = Objects.requireNonNull(key, "key");
            return this;
        }

        public Builder setPresharedKey(Key key) {
            presharedKey = Objects.requireNonNull(key, "key");
            return this;
        }

        public Builder clearPresharedKey() {
            presharedKey = null;
            return this;
        }

        /** Adds a prefix; one already present is ignored. */
        public Builder addAllowedIp(Prefix prefix) {
            allowedIps.add(Objects.requireNonNull(prefix, "prefix"));
            return this;
        }

        public Builder addAllowedIps(Collection<Prefix> prefixes) {
            prefixes.forEach(this::addAllowedIp);
            return this;
        }

        /** Removes one prefix if present (the UAPI's {@code allowed_ip=-prefix}). */
        public Builder removeAllowedIp(Prefix prefix) {
            allowedIps.remove(prefix);
            return this;
        }

        /** Replaces all allowed IPs (the UAPI's {@code replace_allowed_ips=true}). */
        public Builder setAllowedIps(Collection<Prefix> prefixes) {
            allowedIps.clear();
            return addAllowedIps(prefixes);
        }

        public Builder setEndpoint(Endpoint value) {
            endpoint = Objects.requireNonNull(value, "endpoint");
            return this;
        }

        public Builder clearEndpoint() {
            endpoint = null;
            return this;
        }

        /** 0..65535 seconds; 0 turns keepalives off. */
        public Builder setPersistentKeepalive(int seconds) {
            Values.checkRange("persistent keepalive", seconds, 0, MAX_KEEPALIVE);
            persistentKeepalive = seconds;
            return this;
        }

        /** @throws IllegalStateException when no public key was set */
        public PeerConfig build() {
            if (publicKey == null) {
                throw new IllegalStateException("peer has no public key");
            }
            return new PeerConfig(this);
        }
    }
}
