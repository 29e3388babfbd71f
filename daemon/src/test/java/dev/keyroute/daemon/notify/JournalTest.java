package dev.keyroute.daemon.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.device.RouteInfo;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JournalTest {
    private static List<String> drain(Subscriber s) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        String l;
        while ((l = s.next(0)) != null) {
            lines.add(l);
        }
        return lines;
    }

    @Test
    void shouldNumberEventsWithoutGapsInCommitOrder() throws Exception {
        try (TestDevice t = new TestDevice(1024, 2)) {
            Peer a = t.peers.get(0);
            Peer b = t.peers.get(1);
            String ka = a.publicKey().toBase64();
            String kb = b.publicKey().toBase64();
            Subscriber s = t.journal.subscribe();
            Prefix p = Prefix.parse("10.1.0.0/24");
            t.device.allowedIps().setRoute(p, a, new RouteInfo(254, 186, 20));
            t.device.allowedIps().addStatic(b, p);
            t.device.allowedIps().removeStatic(b, p);
            t.journal.nextHopPending(Prefix.parse("10.9.0.0/16"), InetAddress.getByName("fe80::1"), RouteInfo.NONE);
            t.device.allowedIps().removeRoute(p);
            long base = s.snapshotSeq();
            assertEquals(List.of(
                    (base + 1) + " add prefix=10.1.0.0/24 peer=" + ka + " source=route table=254 protocol=186 metric=20",
                    (base + 2) + " move prefix=10.1.0.0/24 peer=" + kb + " source=static from-peer=" + ka + " from-source=route",
                    (base + 3) + " conflict prefix=10.1.0.0/24 winner-source=static winner-peer=" + kb
                            + " loser-source=route loser-peer=" + ka,
                    (base + 4) + " move prefix=10.1.0.0/24 peer=" + ka + " source=route table=254 protocol=186 metric=20"
                            + " from-peer=" + kb + " from-source=static",
                    (base + 5) + " nexthop-pending prefix=10.9.0.0/16 via=fe80:0:0:0:0:0:0:1",
                    (base + 6) + " del prefix=10.1.0.0/24 peer=" + ka + " source=route table=254 protocol=186 metric=20"),
                    drain(s));
        }
    }

    @Test
    void shouldNumberChangesMadeWhileNobodyListensAndShowThemInTheNextSnapshot() throws Exception {
        try (TestDevice t = new TestDevice(1024, 1)) {
            Peer a = t.peers.get(0);
            String ka = a.publicKey().toBase64();
            long before = t.journal.published();
            t.device.allowedIps().setRoute(Prefix.parse("10.1.0.0/24"), a, new RouteInfo(254, 186, 20));
            t.device.allowedIps().setRoute(Prefix.parse("10.2.0.0/24"), a, new RouteInfo(254, 186, 20));
            assertEquals(before + 2, t.journal.published(), "numbered though not formatted");
            Subscriber s = t.journal.subscribe();
            assertEquals(before + 2, s.snapshotSeq());
            assertTrue(s.snapshot().contains("entry prefix=10.2.0.0/24 peer=" + ka + " source=route table=254 protocol=186 metric=20"),
                    s.snapshot().toString());
            t.device.allowedIps().removeRoute(Prefix.parse("10.1.0.0/24"));
            assertEquals(List.of((before + 3) + " del prefix=10.1.0.0/24 peer=" + ka + " source=route table=254 protocol=186 metric=20"),
                    drain(s));
        }
    }

    @Test
    void shouldSnapshotEntriesAndPeerStates() {
        try (TestDevice t = new TestDevice(16, 2)) {
            Peer a = t.peers.get(0);
            t.device.allowedIps().addApi(a, Prefix.parse("fd00::/64"));
            t.journal.handshakeUp(a);
            Subscriber s = t.journal.subscribe();
            assertEquals(4, s.snapshotSeq(), "2 peer-add, 1 add, 1 peer-up");
            assertEquals(List.of(
                    "entry prefix=fd00::/64 peer=" + a.publicKey().toBase64() + " source=api",
                    "peer peer=" + a.publicKey().toBase64() + " state=up last-handshake=0",
                    "peer peer=" + t.peers.get(1).publicKey().toBase64() + " state=none last-handshake=0"),
                    s.snapshot());
        }
    }

    @Test
    void shouldShowTheStateAtSubscribingWhenTheSnapshotIsReadAfterLaterChanges() {
        try (TestDevice t = new TestDevice(16, 2)) {
            Peer a = t.peers.get(0);
            Peer b = t.peers.get(1);
            String ka = a.publicKey().toBase64();
            t.device.allowedIps().setRoute(Prefix.parse("10.1.0.0/24"), a, new RouteInfo(254, 186, 20));
            t.device.allowedIps().setRoute(Prefix.parse("10.2.0.0/24"), a, new RouteInfo(254, 186, 20));
            Subscriber s = t.journal.subscribe();
            // the entry lines are formatted only when read: change the table first
            t.device.allowedIps().setRoute(Prefix.parse("10.1.0.0/24"), b, new RouteInfo(254, 186, 30));
            t.device.allowedIps().removeRoute(Prefix.parse("10.2.0.0/24"));
            t.device.allowedIps().addApi(b, Prefix.parse("10.3.0.0/24"));
            SnapshotLines snapshot = s.snapshot();
            assertEquals(2, snapshot.entryCount());
            assertEquals(2, snapshot.peerCount());
            assertEquals(java.util.Set.of(
                    "entry prefix=10.1.0.0/24 peer=" + ka + " source=route table=254 protocol=186 metric=20",
                    "entry prefix=10.2.0.0/24 peer=" + ka + " source=route table=254 protocol=186 metric=20"),
                    java.util.Set.copyOf(snapshot.subList(0, snapshot.entryCount())));
            assertEquals(snapshot.get(3), snapshot.appendLine(3, new StringBuilder()).toString());
            s.snapshotSent();
            assertTrue(s.snapshot().isEmpty(), "let go of once sent");
        }
    }

    @Test
    void shouldMarkOverrunAndDropSubscriberThatStopsReadingWithoutAffectingOthers() throws Exception {
        try (TestDevice t = new TestDevice(16, 2)) {
            Subscriber stalled = t.journal.subscribe();
            List<String> seen = new ArrayList<>();
            Subscriber live = t.journal.subscribe();
            long base = live.snapshotSeq();
            for (int i = 0; i < 40; i++) {
                t.device.allowedIps().addApi(t.peers.get(0), Prefix.of(new byte[] {10, 0, (byte) i, 0}, 24));
                seen.addAll(drain(live));
            }
            assertEquals(40, seen.size(), "live subscriber got every event");
            assertFalse(live.overrun());
            List<String> got = drain(stalled);
            assertEquals(17, got.size(), "16 queued events and the marker");
            for (int i = 0; i < 16; i++) {
                assertTrue(got.get(i).startsWith((base + 1 + i) + " add "), got.get(i));
            }
            assertEquals("overrun seq=" + (base + 17), got.get(16));
            assertTrue(stalled.overrun());
            assertEquals(1, t.journal.subscriberCount(), "stalled one dropped, live one kept");
            assertEquals(1, t.journal.overruns());
        }
    }

    @Test
    void shouldReplaySnapshotPlusDeltasToTheFinalTableAfter100kRandomChanges() throws Exception {
        try (TestDevice t = new TestDevice(Journal.DEFAULT_QUEUE_CAPACITY, 5)) {
            Random rnd = new Random(42);
            Subscriber early = t.journal.subscribe();
            AtomicReference<Subscriber> late = new AtomicReference<>();
            Thread churn = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 100_000; i++) {
                    if (i == 30_000) {
                        late.set(t.journal.subscribe()); // mid-churn: the snapshot must still line up
                    }
                    t.randomChange(rnd);
                }
            });
            Replay r1 = new Replay();
            Replay r2 = new Replay();
            start(r1, early);
            while (churn.isAlive()) {
                consume(r1, early, 50);
                if (late.get() != null && r2.lastSeq() < 0) {
                    start(r2, late.get());
                }
                if (late.get() != null) {
                    consume(r2, late.get(), 0);
                }
            }
            churn.join();
            consume(r1, early, 0);
            consume(r2, late.get(), 0);
            assertFalse(early.overrun());
            assertFalse(late.get().overrun());
            assertEquals(t.journal.published(), r1.lastSeq());
            assertEquals(t.journal.published(), r2.lastSeq());
            assertEquals(Replay.dump(t.device.allowedIps()), r1.entries());
            assertEquals(Replay.dump(t.device.allowedIps()), r2.entries());
            assertTrue(r1.entries().size() > 100, "a non-trivial table: " + r1.entries().size());
        }
    }

    private static void start(Replay r, Subscriber s) {
        r.accept("snapshot seq=" + s.snapshotSeq());
        s.snapshot().forEach(r::accept);
        r.accept("end");
    }

    private static void consume(Replay r, Subscriber s, long waitMillis) throws InterruptedException {
        String l = s.next(waitMillis);
        while (l != null) {
            r.accept(l);
            l = s.next(0);
        }
    }
}
