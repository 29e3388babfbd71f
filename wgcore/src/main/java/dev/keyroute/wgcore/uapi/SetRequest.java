package dev.keyroute.wgcore.uapi;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A fully parsed and validated {@code set=1} transaction. Nothing is applied until the whole request
 * parsed, so a bad line leaves the device as it was.
 */
final class SetRequest {
    boolean hasPrivateKey;
    Key privateKey; // null = clear
    Integer listenPort;
    Integer fwmark;
    boolean replacePeers;
    final List<PeerChange> peers = new ArrayList<>();

    static final class PeerChange {
        final Key publicKey;
        boolean remove;
        boolean updateOnly;
        boolean hasPresharedKey;
        Key presharedKey;
        InetSocketAddress endpoint;
        Integer persistentKeepalive;
        boolean replaceAllowedIps;
        /** In request order: a prefix to add, or (removal) to remove. */
        final List<Prefix> allowedIps = new ArrayList<>();
        final List<Boolean> allowedIpRemoval = new ArrayList<>();

        PeerChange(Key publicKey) {
            this.publicKey = publicKey;
        }
    }
}
