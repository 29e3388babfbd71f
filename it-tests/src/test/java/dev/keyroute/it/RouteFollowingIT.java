package dev.keyroute.it;

import static dev.keyroute.it.HubTopology.TARGET_V4;
import static dev.keyroute.it.HubTopology.TARGET_V6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 3's proof: the hub's kernel routes steer its traffic to B or C by next hop — LL(P), a
 * peer's tunnel address, {@code keyroute route ... via-wgpeer} — and AllowedIPs follow replace,
 * delete, link flaps, restarts and multipath. One topology for the class (fast); every test
 * leaves the hub's route table as it found it.
 */
@RequiresRoot
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteFollowingIT {
    private static final Duration FOLLOW = Duration.ofSeconds(5);
    private static final long KEEPALIVE_BYTES = 32;
    private HubTopology t;

    @BeforeAll
    void start() {
        t = new HubTopology(List.of());
        Ping.assertReachable(t.a, HubTopology.B_V4);
        Ping.assertReachable(t.a, HubTopology.C_V4);
    }

    /** Each test starts from a hub without user routes, even when the previous one failed halfway. */
    @AfterEach
    void flushRoutes() {
        if (t != null) {
            t.ipA("route", "flush", "dev", t.ifA, "proto", "boot");
            t.ipA("-6", "route", "flush", "dev", t.ifA, "proto", "boot");
        }
    }

    @AfterAll
    void stop() {
        if (t != null) {
            t.close();
        }
    }

    private List<String> staticB() {
        return List.of("10.0.0.2/32", "fd00:10::2/128");
    }

    private List<String> staticC() {
        return List.of("10.0.0.3/32", "fd00:10::3/128");
    }

    private List<String> plus(List<String> base, String... more) {
        return java.util.stream.Stream.concat(base.stream(), java.util.stream.Stream.of(more)).toList();
    }

    /** Pings {@code address} and asserts the hub's tx to {@code to} grew and to {@code other} did not. */
    private void assertTrafficGoesTo(String address, KeyPair to, KeyPair other) {
        long txTo = t.txBytes(to);
        long txOther = t.txBytes(other);
        Ping.assertReachable(t.a, address);
        assertTrue(t.txBytes(to) > txTo, "traffic to " + address + " should go to " + to);
        // Only a passive keepalive may reach the other peer meanwhile (32 bytes: header + tag, sent
        // 10 s after it last sent us data); an echo request would be 128 bytes.
        long grew = t.txBytes(other) - txOther;
        assertTrue(grew == 0 || grew == KEEPALIVE_BYTES, "no traffic to " + address + " should go to " + other
                + " (tx grew by " + grew + " bytes)");
    }

    @Test
    @Order(1)
    void shouldSteerPrefixByLinkLocalNextHopAndFollowReplaceAndDelete() {
        t.ipA("route", "add", "10.50.0.0/24", "via", "inet6", t.llB(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysB, plus(staticB(), "10.50.0.0/24"), FOLLOW);
        assertTrafficGoesTo(TARGET_V4, t.keysB, t.keysC);

        t.ipA("route", "replace", "10.50.0.0/24", "via", "inet6", t.llC(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, plus(staticC(), "10.50.0.0/24"), FOLLOW);
        t.awaitAllowedIps(t.keysB, staticB(), FOLLOW);
        assertTrafficGoesTo(TARGET_V4, t.keysC, t.keysB);

        t.ipA("route", "del", "10.50.0.0/24", "via", "inet6", t.llC(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, staticC(), FOLLOW);
        assertFalse(t.pingOnce(TARGET_V4), "no route, no reply");
    }

    @Test
    @Order(2)
    void shouldSteerIpv6PrefixByLinkLocalGateway() {
        t.ipA("-6", "route", "add", "fd00:50::/64", "via", t.llB(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysB, plus(staticB(), "fd00:50::/64"), FOLLOW);
        assertTrafficGoesTo(TARGET_V6, t.keysB, t.keysC);
        t.ipA("-6", "route", "replace", "fd00:50::/64", "via", t.llC(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, plus(staticC(), "fd00:50::/64"), FOLLOW);
        assertTrafficGoesTo(TARGET_V6, t.keysC, t.keysB);
        t.ipA("-6", "route", "del", "fd00:50::/64", "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, staticC(), FOLLOW);
    }

    @Test
    @Order(3)
    void shouldResolveTunnelAddressNextHopThroughStaticAllowedIps() {
        t.ipA("route", "add", "10.50.0.0/24", "via", HubTopology.B_V4, "dev", t.ifA);
        t.awaitAllowedIps(t.keysB, plus(staticB(), "10.50.0.0/24"), FOLLOW);
        assertTrafficGoesTo(TARGET_V4, t.keysB, t.keysC);
        t.ipA("route", "replace", "10.50.0.0/24", "via", HubTopology.C_V4, "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, plus(staticC(), "10.50.0.0/24"), FOLLOW);
        assertTrafficGoesTo(TARGET_V4, t.keysC, t.keysB);
        t.ipA("route", "del", "10.50.0.0/24", "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, staticC(), FOLLOW);
        assertFalse(t.pingOnce(TARGET_V4));
    }

    private String keyroute(int expectedExit, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", t.a.name(), Repo.keyroute().toString()));
        cmd.addAll(List.of(args));
        try {
            String out = Cmd.run(Cmd.DEFAULT_TIMEOUT, KeyroutedPeer.env(), cmd);
            assertEquals(0, expectedExit, "keyroute " + String.join(" ", args) + " succeeded: " + out);
            return out;
        } catch (CommandFailedException e) {
            assertEquals(expectedExit, e.exitCode(), "exit code of keyroute " + String.join(" ", args) + ": " + e.getMessage());
            return e.stderr();
        }
    }

    @Test
    @Order(4)
    void shouldInstallTheSameKernelRouteWithKeyrouteCli() {
        keyroute(0, "route", "add", "10.50.0.0/24", "via-wgpeer", t.keysB.publicKey(), "dev", t.ifA);
        String shown = t.ipA("route", "show", "10.50.0.0/24", "dev", t.ifA);
        assertTrue(shown.contains("via inet6 " + t.llB()), "kernel route: " + shown);
        t.awaitAllowedIps(t.keysB, plus(staticB(), "10.50.0.0/24"), FOLLOW);
        assertTrafficGoesTo(TARGET_V4, t.keysB, t.keysC);

        keyroute(0, "route", "replace", "10.50.0.0/24", "via-wgpeer", t.keysC.publicKey(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, plus(staticC(), "10.50.0.0/24"), FOLLOW);
        assertTrafficGoesTo(TARGET_V4, t.keysC, t.keysB);

        String dup = keyroute(1, "route", "add", "10.50.0.0/24", "via-wgpeer", t.keysC.publicKey(), "dev", t.ifA);
        assertTrue(dup.contains("already exists"), dup);
        keyroute(0, "route", "del", "10.50.0.0/24", "via-wgpeer", t.keysC.publicKey(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, staticC(), FOLLOW);
        assertEquals("", t.ipA("route", "show", "10.50.0.0/24").strip());

        assertTrue(keyroute(1, "route", "add", "10.50.0.0/24", "via-wgpeer", t.keysB.publicKey(), "dev", "nosuchdev0")
                .contains("no such device"));
        assertTrue(keyroute(2, "route", "add", "10.50.0.0/24", "via-wgpeer", "bm90YWtleQ==", "dev", t.ifA)
                .contains("invalid public key"));
    }

    @Test
    @Order(5)
    void shouldHoldUnknownNextHopPendingAndReportIt() {
        long before = t.counter("pending");
        t.ipA("route", "add", "10.51.0.0/24", "via", "10.0.0.99", "dev", t.ifA);
        Sleep.await(FOLLOW, () -> t.counter("pending") == before + 1, () -> "pending counter +1");
        assertFalse(t.allowedIps().values().stream().anyMatch(l -> l.contains("10.51.0.0/24")));
        // A peer whose static AllowedIPs cover the next hop appears: the pending route resolves.
        t.a.exec("wg", "set", t.ifA, "peer", t.keysB.publicKey(), "allowed-ips", "10.0.0.2/32,fd00:10::2/128,10.0.0.96/30");
        t.awaitAllowedIps(t.keysB, List.of("10.0.0.2/32", "10.0.0.96/30", "10.51.0.0/24", "fd00:10::2/128"), FOLLOW);
        // the status file is rewritten after the change is applied: wait for it rather than race it
        Sleep.await(FOLLOW, () -> t.counter("pending") == before, () -> "pending counter back to " + before);
        t.ipA("route", "del", "10.51.0.0/24", "dev", t.ifA);
        t.a.exec("wg", "set", t.ifA, "peer", t.keysB.publicKey(), "allowed-ips", "10.0.0.2/32,fd00:10::2/128");
        t.awaitAllowedIps(t.keysB, staticB(), FOLLOW);
    }

    @Test
    @Order(6)
    void shouldKeepStaticEntryOnExactClashAndReplaceOnlyStaticEntries() {
        t.ipA("route", "add", "10.52.0.0/24", "via", "inet6", t.llC(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, plus(staticC(), "10.52.0.0/24"), FOLLOW);
        long conflicts = t.counter("conflicts");
        // replace_allowed_ips (wg set ... allowed-ips) rewrites C's static entries; the route entry stays.
        t.a.exec("wg", "set", t.ifA, "peer", t.keysC.publicKey(), "allowed-ips", "10.0.0.3/32,fd00:10::3/128");
        t.awaitAllowedIps(t.keysC, plus(staticC(), "10.52.0.0/24"), FOLLOW);
        // B claims the same exact prefix statically: static wins, the clash is counted.
        t.a.exec("wg", "set", t.ifA, "peer", t.keysB.publicKey(), "allowed-ips", "10.0.0.2/32,fd00:10::2/128,10.52.0.0/24");
        t.awaitAllowedIps(t.keysB, plus(staticB(), "10.52.0.0/24"), FOLLOW);
        t.awaitAllowedIps(t.keysC, staticC(), FOLLOW);
        Sleep.await(FOLLOW, () -> t.counter("conflicts") > conflicts, () -> "conflict counted");
        t.a.exec("wg", "set", t.ifA, "peer", t.keysB.publicKey(), "allowed-ips", "10.0.0.2/32,fd00:10::2/128");
        t.awaitAllowedIps(t.keysC, plus(staticC(), "10.52.0.0/24"), FOLLOW);
        t.ipA("route", "del", "10.52.0.0/24", "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, staticC(), FOLLOW);
    }

    @Test
    @Order(7)
    void shouldSpreadDistinctFlowsOfMultipathRouteOverBothPeers() {
        t.ipA("route", "add", "10.50.0.0/24", "nexthop", "via", "inet6", t.llB(), "dev", t.ifA,
                "nexthop", "via", "inet6", t.llC(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysB, plus(staticB(), "10.50.0.0/24"), FOLLOW);
        t.awaitAllowedIps(t.keysC, plus(staticC(), "10.50.0.0/24"), FOLLOW);
        long txB = t.txBytes(t.keysB);
        long txC = t.txBytes(t.keysC);
        // 64 UDP flows (distinct source and destination ports), one 100-byte datagram each.
        t.a.exec("bash", "-c", "for p in $(seq 20001 20064); do head -c 100 /dev/zero > /dev/udp/" + TARGET_V4 + "/$p; done");
        long grewB = t.txBytes(t.keysB) - txB;
        long grewC = t.txBytes(t.keysC) - txC;
        System.out.println("[route] multipath 64 flows: tx to B +" + grewB + " bytes, to C +" + grewC + " bytes");
        assertTrue(grewB >= 10 * 100 && grewC >= 10 * 100, "both peers carry flows: B +" + grewB + ", C +" + grewC);
        t.ipA("route", "del", "10.50.0.0/24", "dev", t.ifA);
        t.awaitAllowedIps(t.keysB, staticB(), FOLLOW);
        t.awaitAllowedIps(t.keysC, staticC(), FOLLOW);

        // IPv6 ECMP: added as one multipath route, then one sibling appended and removed.
        t.ipA("-6", "route", "add", "fd00:55::/64", "nexthop", "via", t.llB(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysB, plus(staticB(), "fd00:55::/64"), FOLLOW);
        t.ipA("-6", "route", "append", "fd00:55::/64", "via", t.llC(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, plus(staticC(), "fd00:55::/64"), FOLLOW);
        t.awaitAllowedIps(t.keysB, plus(staticB(), "fd00:55::/64"), FOLLOW);
        t.ipA("-6", "route", "del", "fd00:55::/64", "via", t.llB(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysB, staticB(), FOLLOW);
        t.awaitAllowedIps(t.keysC, plus(staticC(), "fd00:55::/64"), FOLLOW);
        t.ipA("-6", "route", "del", "fd00:55::/64", "dev", t.ifA);
        t.awaitAllowedIps(t.keysC, staticC(), FOLLOW);
    }

    @Test
    @Order(8)
    void shouldLeaveNoStaleEntriesAfterLinkFlap() {
        t.ipA("route", "add", "10.53.0.0/24", "via", "inet6", t.llB(), "dev", t.ifA);
        t.ipA("-6", "route", "add", "fd00:53::/64", "via", t.llB(), "dev", t.ifA);
        t.awaitAllowedIps(t.keysB, plus(staticB(), "10.53.0.0/24", "fd00:53::/64"), FOLLOW);
        long drops = t.counter("link_drops");
        t.ipA("link", "set", t.ifA, "down");
        t.awaitAllowedIps(t.keysB, staticB(), FOLLOW);
        Sleep.await(FOLLOW, () -> t.counter("link_drops") > drops, () -> "link drop counted");
        assertEquals("", t.ipA("-4", "route", "show", "10.53.0.0/24").strip(), "the kernel flushed the IPv4 route");
        t.ipA("link", "set", t.ifA, "up");
        // Whatever the kernel kept through the flap is followed again; nothing else.
        String v6 = t.ipA("-6", "route", "show", "fd00:53::/64");
        List<String> expected = v6.isBlank() ? staticB() : plus(staticB(), "fd00:53::/64");
        t.awaitAllowedIps(t.keysB, expected, FOLLOW);
        if (!v6.isBlank()) {
            t.ipA("-6", "route", "del", "fd00:53::/64", "dev", t.ifA);
        }
        t.awaitAllowedIps(t.keysB, staticB(), FOLLOW);
        Ping.assertReachable(t.a, HubTopology.B_V4);
    }
}
