package dev.keyroute.it;

import java.util.ArrayList;
import java.util.List;

/** A running WireGuard engine serving one interface inside a namespace. */
public interface WgDevice extends AutoCloseable {
    Netns ns();

    String ifname();

    /** {@code "wireguard-go"} or {@code "keyrouted"}, for messages. */
    String engine();

    /** Runs the stock {@code wg} tool in the device's namespace. */
    default String wg(String... args) {
        List<String> cmd = new ArrayList<>(List.of("wg"));
        cmd.addAll(List.of(args));
        return ns().exec(cmd.toArray(String[]::new));
    }

    default WgDump dump() {
        return WgDump.parse(wg("show", ifname(), "dump"));
    }

    /** Sends SIGTERM and returns the exit code; fails if the engine does not exit within 10 s. */
    int terminate();

    /** Stops the engine; the interface and its UAPI socket are gone afterwards. */
    @Override
    void close();
}
