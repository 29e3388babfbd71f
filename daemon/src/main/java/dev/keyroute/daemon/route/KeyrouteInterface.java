package dev.keyroute.daemon.route;

import dev.keyroute.wgcore.device.Device;
import java.util.Objects;

/**
 * A keyroute interface as the route follower sees it: the kernel link (index and name) and the
 * WireGuard device whose AllowedIPs route layer the follower drives.
 */
public record KeyrouteInterface(int ifindex, String name, Device device) {
    public KeyrouteInterface {
        if (ifindex <= 0) {
            throw new IllegalArgumentException("ifindex must be > 0");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
    }
}
