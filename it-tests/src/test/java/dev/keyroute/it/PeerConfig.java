package dev.keyroute.it;

import java.util.List;

/**
 * One {@code [Peer]} of a {@link WgConfig}.
 *
 * @param endpoint            {@code host:port}, or null for none
 * @param persistentKeepalive seconds, 0 for off
 */
public record PeerConfig(String publicKey, String endpoint, List<String> allowedIps, int persistentKeepalive) {
    public PeerConfig {
        allowedIps = List.copyOf(allowedIps);
    }

    public static PeerConfig of(String publicKey, String endpoint, String... allowedIps) {
        return new PeerConfig(publicKey, endpoint, List.of(allowedIps), 0);
    }
}
