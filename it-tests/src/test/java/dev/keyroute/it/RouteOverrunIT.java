package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 100,000 route adds and deletes with {@code ip -batch} against a follower whose event socket has
 * a deliberately tiny receive buffer: events are lost (ENOBUFS), the follower resyncs, and
 * afterwards B's AllowedIPs equal the kernel's routes via B exactly.
 */
@RequiresRoot
class RouteOverrunIT {
    private static final int ADDS = 60_000;
    private static final int DELETES = 40_000;

    static String prefix(int i) {
        return "10." + (128 + i / 512) + "." + ((i / 2) % 256) + "." + ((i % 2) * 128) + "/25";
    }

    @Test
    void shouldMatchKernelTableExactlyAfterRouteFloodOverrunsTheEventSocket() throws Exception {
        try (HubTopology t = new HubTopology(List.of("--netlink-rcvbuf", "4096"))) {
            Sleep.await(Duration.ofSeconds(10), () -> t.counter("resyncs") >= 1, () -> "start-up resync");
            long resyncsBefore = t.counter("resyncs");
            StringBuilder batch = new StringBuilder();
            for (int i = 0; i < ADDS; i++) {
                batch.append("route add ").append(prefix(i)).append(" via 10.0.0.2 dev ").append(t.ifA).append('\n');
            }
            for (int i = 0; i < DELETES; i++) {
                batch.append("route del ").append(prefix(i)).append(" dev ").append(t.ifA).append('\n');
            }
            Path file = Logs.file(t.ifA + "-flood.batch");
            Files.writeString(file, batch);
            long t0 = System.nanoTime();
            t.a.exec(Duration.ofSeconds(120), "ip", "-batch", file.toString());
            long floodMs = (System.nanoTime() - t0) / 1_000_000;

            List<String> kernel = new ArrayList<>(List.of("10.0.0.2/32", "fd00:10::2/128"));
            for (String line : t.ipA("-4", "route", "show", "dev", t.ifA).split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 3 && f[1].equals("via") && f[2].equals("10.0.0.2")) {
                    kernel.add(f[0]);
                }
            }
            assertTrue(kernel.size() == ADDS - DELETES + 2, "kernel holds " + (kernel.size() - 2) + " routes via B");
            long t1 = System.nanoTime();
            t.awaitAllowedIps(t.keysB, kernel, Duration.ofSeconds(60));
            long settleMs = (System.nanoTime() - t1) / 1_000_000;
            Sleep.await(Duration.ofSeconds(5), () -> t.counter("resyncs") > resyncsBefore, () -> "resync counter moved");
            System.out.println("[route] flood of " + (ADDS + DELETES) + " route ops took " + floodMs + " ms; AllowedIPs equal to the kernel "
                    + settleMs + " ms later; overruns " + t.counter("overruns") + ", resyncs " + t.counter("resyncs")
                    + ", last resync " + t.counter("last_resync_micros") / 1000 + " ms");
            assertTrue(t.counter("overruns") > 0, "the tiny buffer overran");
        }
    }
}
