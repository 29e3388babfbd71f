package dev.keyroute.it;

import java.time.Duration;

/** ICMP echo through a tunnel with the stock {@code ping}. */
public final class Ping {
    private Ping() {
    }

    /**
     * Three echo replies within 10 s, or {@link CommandFailedException}. The deadline covers the
     * handshake the first packet triggers; no fixed sleeps.
     */
    public static String assertReachable(Netns from, String address) {
        return from.exec(Duration.ofSeconds(20), "ping", "-n", "-c", "3", "-i", "0.2", "-w", "10", address);
    }
}
