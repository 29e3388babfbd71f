package dev.keyroute.daemon.route;

import static dev.keyroute.daemon.route.FollowerHarness.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.daemon.notify.RouteNotifier;
import dev.keyroute.netlink.RouteRequest;
import dev.keyroute.netlink.testing.FakeRtnl;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.device.RouteInfo;
import dev.keyroute.wgcore.testing.FakeNetwork;
import dev.keyroute.wgcore.testing.FakeTun;
import dev.keyroute.wgcore.testing.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The follower tells its interface's notifier (journal + metrics) what it does. */
class RouteNotifierReportingTest {
    private final List<String> calls = new ArrayList<>();
    private final RouteNotifier recorder = new RouteNotifier() {
        @Override
        public void routeEvent(String type) {
            calls.add("event " + type);
        }

        @Override
        public void netlinkOverrun() {
            calls.add("overrun");
        }

        @Override
        public void resyncStarted(String reason) {
            calls.add("resync-start");
        }

        @Override
        public void resyncFinished(int routes) {
            calls.add("resync-done " + routes);
        }

        @Override
        public void nextHopPending(Prefix prefix, InetAddress via, RouteInfo info) {
            calls.add("pending " + prefix + " via " + via.getHostAddress() + " table " + info.table() + " metric " + info.metric());
        }

        @Override
        public void nextHopResolved(Prefix prefix, InetAddress via, Key peer) {
            calls.add("resolved " + prefix + " via " + via.getHostAddress());
        }

        @Override
        public void nextHopDropped(Prefix prefix) {
            calls.add("dropped " + prefix);
        }
    };

    @Test
    void shouldReportEventsResyncsAndPendingNextHopsToTheNotifier() throws Exception {
        FakeRtnl kernel = new FakeRtnl();
        int wg0 = kernel.addLink("wg0", 1420);
        Device device = new Device(new FakeTun("wg0", 1420), new FakeNetwork().newBind(), new ManualClock(), true);
        try {
            RouteFollowerAgent agent = new RouteFollowerAgent(List.of(254), kernel, kernel.events(), new ManualClock(),
                    new FollowerCounters());
            agent.addInterface(new KeyrouteInterface(wg0, "wg0", device, recorder));
            settle(agent);
            kernel.addRoute(RouteRequest.to(ip("10.50.0.0"), 24).gateway(ip("10.0.0.2")).oif(wg0).metric(5).build());
            kernel.addRoute(RouteRequest.to(ip("10.51.0.0"), 24).gateway(ip("10.0.0.2")).oif(wg0).build());
            settle(agent);
            Peer b = device.addPeer(FollowerHarness.randomKey(new Random(3)));
            device.allowedIps().addStatic(b, Prefix.parse("10.0.0.2/32"));
            kernel.deleteRoute(RouteRequest.to(ip("10.51.0.0"), 24).build());
            kernel.events().injectOverrun();
            settle(agent);
            int firstResolved = calls.indexOf(calls.stream().filter(c -> c.startsWith("resolved")).findFirst().orElseThrow());
            calls.subList(firstResolved, firstResolved + 2).sort(null); // the two resolve in hash order
            assertEquals(List.of("resync-start", "resync-done 0",
                    "pending 10.50.0.0/24 via 10.0.0.2 table 254 metric 5", "event add",
                    "pending 10.51.0.0/24 via 10.0.0.2 table 254 metric 0", "event add",
                    "resolved 10.50.0.0/24 via 10.0.0.2", "resolved 10.51.0.0/24 via 10.0.0.2",
                    "event del", "overrun", "resync-start", "resync-done 1"),
                    calls);
        } finally {
            device.close();
            kernel.close();
        }
    }

    private static void settle(RouteFollowerAgent agent) {
        for (int idle = 0, i = 0; idle < 3 && i < 1000; i++) {
            idle = agent.doWork(Duration.ZERO) == 0 ? idle + 1 : 0;
        }
    }
}
