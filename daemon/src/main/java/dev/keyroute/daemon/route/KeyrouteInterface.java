package dev.keyroute.daemon.route;

import dev.keyroute.daemon.notify.RouteNotifier;
import dev.keyroute.wgcore.device.Device;
import java.util.Objects;

/**
 * A keyroute interface as the route follower sees it: the kernel link (index and name) and the
 * WireGuard device whose AllowedIPs route layer the follower drives, and where to report what the
 * follower does (journal and metrics; {@link RouteNotifier#NONE} in tests).
 */
public record KeyrouteInterface(int ifindex, String name, Device device, RouteNotifier notifier) {
    public KeyrouteInterface(int ifindex, String name, Device device) {
        this(ifindex, name, device, RouteNotifier.NONE);
    }

    public KeyrouteInterface {
        if (ifindex <= 0) {
            throw new IllegalArgumentException("ifindex must be > 0");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(notifier, "notifier");
    }
}
