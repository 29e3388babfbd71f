package dev.keyroute.daemon;

import dev.keyroute.config.Endpoint;
import dev.keyroute.config.InterfaceConfig;
import dev.keyroute.config.PeerConfig;
import dev.keyroute.config.Prefix;
import dev.keyroute.config.WgConfig;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a parsed config file into one UAPI {@code set=1} transaction (as {@code wg setconf} would
 * send it), so a file and the {@code wg} tool go through the same validated, all-or-nothing path.
 */
final class ConfigUapi {
    private ConfigUapi() {
    }

    static List<String> setconfLines(WgConfig config) throws UnknownHostException {
        List<String> l = new ArrayList<>();
        InterfaceConfig i = config.iface();
        i.privateKey().ifPresent(k -> l.add("private_key=" + k.toHex()));
        i.listenPort().ifPresent(p -> l.add("listen_port=" + p));
        if (i.fwMark() != 0) {
            l.add("fwmark=" + Integer.toUnsignedString(i.fwMark()));
        }
        l.add("replace_peers=true");
        for (PeerConfig p : config.peers()) {
            l.add("public_key=" + p.publicKey().toHex());
            p.presharedKey().ifPresent(k -> l.add("preshared_key=" + k.toHex()));
            if (p.endpoint().isPresent()) {
                l.add("endpoint=" + endpointText(p.endpoint().get()));
            }
            l.add("persistent_keepalive_interval=" + p.persistentKeepalive());
            l.add("replace_allowed_ips=true");
            for (Prefix prefix : p.allowedIps()) {
                l.add("allowed_ip=" + prefix);
            }
        }
        return l;
    }

    private static String endpointText(Endpoint e) throws UnknownHostException {
        InetSocketAddress a = e.resolve();
        if (a.getAddress() instanceof Inet6Address) {
            return "[" + a.getAddress().getHostAddress() + "]:" + a.getPort();
        }
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
