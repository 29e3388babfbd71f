package dev.keyroute.daemon.route;

import dev.keyroute.config.KeyrouteOptions;
import dev.keyroute.netlink.RtnlOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the route follower. Immutable.
 *
 * @param tables             tables to follow, in precedence order (first wins across tables)
 * @param eventReceiveBuffer kernel receive buffer of the event socket in bytes (tests shrink it
 *                           to provoke overruns)
 * @param statusFile         where counters are written ({@code name value} lines), or null
 * @param pollInterval       longest wait for events before commands and signals are looked at
 */
public record RouteFollowerOptions(List<Integer> tables, int eventReceiveBuffer, Path statusFile, Duration pollInterval) {
    public RouteFollowerOptions {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("at least one table");
        }
        if (eventReceiveBuffer < 1024) {
            throw new IllegalArgumentException("event receive buffer below 1024 bytes");
        }
    }

    public static RouteFollowerOptions defaults() {
        return new RouteFollowerOptions(List.of(KeyrouteOptions.TABLE_MAIN), RtnlOptions.EVENTS.receiveBufferBytes(),
                null, Duration.ofMillis(100));
    }

    public RouteFollowerOptions withTables(List<Integer> t) {
        return new RouteFollowerOptions(t, eventReceiveBuffer, statusFile, pollInterval);
    }

    public RouteFollowerOptions withEventReceiveBuffer(int bytes) {
        return new RouteFollowerOptions(tables, bytes, statusFile, pollInterval);
    }

    public RouteFollowerOptions withStatusFile(Path file) {
        return new RouteFollowerOptions(tables, eventReceiveBuffer, file, pollInterval);
    }
}
