package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code wg-quick up/down} with {@code WG_QUICK_USERSPACE_IMPLEMENTATION=bin/keyrouted}. wg-quick
 * runs the implementation as {@code <impl> <ifname>} and expects it to return once the interface
 * and UAPI socket exist; {@code wg-quick down} only deletes the socket, so the daemon must notice
 * that and remove its interface (as wireguard-go does).
 */
@RequiresRoot
class WgQuickIT {
    private static final Duration WG_QUICK_TIMEOUT = Duration.ofSeconds(60);

    @Test
    void shouldBringKeyroutedUpAndDownWithWgQuick() {
        assertFalse(Files.exists(Path.of("/sys/module/wireguard")),
                "the wireguard kernel module is loaded, so wg-quick would use it instead of keyrouted;"
                        + " run this test on a host without the module");
        TunnelPlan plan = TunnelPlan.generate();
        String ifname = Names.ifname();
        Map<String, String> env = Map.of(
                "WG_QUICK_USERSPACE_IMPLEMENTATION", Repo.keyrouted().toString(),
                "JAVA_HOME", System.getProperty("java.home"));
        try (TwoHosts hosts = TwoHosts.create();
             WgDevice right = Engine.WIREGUARD_GO.start(hosts.right(), Names.ifname(), plan.rightConfig());
             SecretFile conf = SecretFile.write(ifname + ".conf", plan.leftConfig().toWgQuick())) {
            Netns left = hosts.left();
            left.exec(WG_QUICK_TIMEOUT, env, "wg-quick", "up", conf.path().toString());
            Throwable primary = null;
            try {
                assertTrue(Files.exists(Uapi.socket(ifname)), "UAPI socket " + Uapi.socket(ifname) + " after wg-quick up");
                String details = IpLink.details(left, ifname);
                assertTrue(details.contains(" tun "), "interface is a TUN device served by keyrouted: " + details);
                assertTrue(IpLink.isUp(left, ifname), "wg-quick set the link up");

                Ping.assertReachable(left, TunnelPlan.RIGHT_V4);
                Ping.assertReachable(hosts.right(), TunnelPlan.LEFT_V4);
                TrafficAssertions.assertHandshakeAndTransfer(
                        new Viewed(left, ifname), plan.rightKeys().publicKey(), 1, 1);
            } catch (Throwable t) {
                primary = t;
                throw t;
            } finally {
                try {
                    left.exec(WG_QUICK_TIMEOUT, env, "wg-quick", "down", conf.path().toString());
                } catch (CommandFailedException e) {
                    if (primary == null) {
                        throw e;
                    }
                    primary.addSuppressed(e);
                }
            }
            Sleep.await(Duration.ofSeconds(15), () -> !IpLink.exists(left, ifname),
                    () -> "interface " + ifname + " to disappear after wg-quick down");
            assertFalse(Files.exists(Uapi.socket(ifname)), "socket removed after wg-quick down");
        }
    }

    /** A device the test did not start (wg-quick did): enough to read {@code wg show}. */
    private record Viewed(Netns ns, String ifname) implements WgDevice {
        @Override
        public String engine() {
            return "keyrouted (via wg-quick)";
        }

        @Override
        public int terminate() {
            throw new UnsupportedOperationException("started by wg-quick; stop it with wg-quick down");
        }

        @Override
        public void close() {
            // the namespace's close kills anything wg-quick left running
        }
    }
}
