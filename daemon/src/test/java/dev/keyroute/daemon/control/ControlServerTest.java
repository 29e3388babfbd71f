package dev.keyroute.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Prefix;
import dev.keyroute.daemon.notify.Replay;
import dev.keyroute.daemon.notify.TestDevice;
import dev.keyroute.wgcore.device.Peer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlServerTest {
    @TempDir
    Path dir;
    private TestDevice t;
    private ControlServer server;

    private void start(int queueCapacity) throws Exception {
        t = new TestDevice(queueCapacity, 4);
        server = ControlServer.start(dir.resolve("run/wgt.sock"), t.journal, new ControlCommands(t.device));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (t != null) {
            t.close();
        }
    }

    private String key(int i) {
        return t.peers.get(i).publicKey().toBase64();
    }

    @Test
    void shouldCreateSocketOnlyItsOwnerCanUse() throws Exception {
        start(16);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.path())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.path().getParent())));
    }

    @Test
    void shouldAddAndDeleteApiEntriesAndReplyOk() throws Exception {
        start(16);
        try (ControlClient c = new ControlClient(server.path())) {
            assertEquals("ok", c.request("add 10.5.0.0/16 " + key(0)));
            Peer p = t.peers.get(0);
            assertSame(p, t.device.allowedIps().lookup(new byte[] {10, 5, 1, 1}));
            assertEquals("ok", c.request("add 10.5.0.0/16 " + key(1)), "moves the api entry to another peer");
            assertEquals("error no such api entry", c.request("del 10.5.0.0/16 " + key(0)));
            assertEquals("ok", c.request("del 10.5.0.0/16 " + key(1)));
            assertNull(t.device.allowedIps().lookup(new byte[] {10, 5, 1, 1}));
        }
    }

    @Test
    void shouldRefuseBadInputWithAnErrorAndLeaveStateUnchanged() throws Exception {
        start(16);
        try (ControlClient c = new ControlClient(server.path())) {
            assertEquals("ok", c.request("add 10.5.0.0/16 " + key(0)));
            Map<String, String> before = Replay.dump(t.device.allowedIps());
            long seq = t.journal.published();
            assertEquals("error unknown command", c.request("flush all"));
            assertEquals("error empty command", c.request(""));
            assertEquals("error bad prefix", c.request("add 10.5.0.0/33 " + key(0)));
            assertEquals("error bad prefix", c.request("add example.com/24 " + key(0)));
            assertEquals("error bad public key", c.request("add 10.6.0.0/16 notakey"));
            assertEquals("error unknown peer", c.request("add 10.6.0.0/16 " + TestDevice.newKey().toBase64()));
            assertEquals("error usage: del <prefix> <public-key>", c.request("del 10.5.0.0/16"));
            assertTrue(c.request("add 10.6.0.0/16 " + key(0) + " " + "x".repeat(5000)).startsWith("error line too long"));
            assertEquals("error no such api entry", c.request("del 10.7.0.0/16 " + key(0)));
            assertEquals(before, Replay.dump(t.device.allowedIps()));
            assertEquals(seq, t.journal.published(), "no event for refused commands");
            assertEquals("ok", c.request("del 10.5.0.0/16 " + key(0)), "connection still usable");
        }
    }

    @Test
    void shouldReplayStreamToFreshDumpAfter100kChangesViaSocketAndTable() throws Exception {
        start(1 << 16);
        List<String> stream = new ArrayList<>();
        try (ControlClient sub = new ControlClient(server.path()); ControlClient api = new ControlClient(server.path())) {
            sub.send("subscribe\n");
            Replay replay = new Replay();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    String l;
                    while ((l = sub.readLine()) != null) {
                        synchronized (stream) {
                            stream.add(l);
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // closed at the end
                }
            });
            Thread direct = Thread.ofPlatform().start(() -> {
                Random rnd = new Random(7);
                for (int i = 0; i < 50_000; i++) {
                    t.randomChange(rnd);
                }
            });
            Random rnd = new Random(8);
            int ok = 0;
            for (int batch = 0; batch < 500; batch++) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 100; i++) {
                    Prefix p = TestDevice.randomPrefix(rnd);
                    sb.append(rnd.nextBoolean() ? "add " : "del ").append(p).append(' ').append(key(rnd.nextInt(4))).append('\n');
                }
                api.send(sb.toString()); // pipelined: 100 commands, then their 100 replies
                for (int i = 0; i < 100; i++) {
                    String r = api.readLine();
                    assertTrue(r.equals("ok") || r.equals("error no such api entry"), r);
                    ok += r.equals("ok") ? 1 : 0;
                }
            }
            direct.join();
            long last = t.journal.published();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (true) {
                synchronized (stream) {
                    if (!stream.isEmpty() && stream.get(stream.size() - 1).startsWith(last + " ")) {
                        break;
                    }
                }
                assertTrue(System.nanoTime() < deadline, "stream did not reach seq " + last);
                Thread.sleep(10);
            }
            synchronized (stream) {
                stream.forEach(replay::accept);
            }
            assertEquals(last, replay.lastSeq());
            assertEquals(Replay.dump(t.device.allowedIps()), replay.entries());
            assertTrue(ok > 10_000, "api commands applied: " + ok);
            sub.close();
            reader.join(5000);
        }
    }

    @Test
    void shouldSendOverrunMarkerAndCloseWhenSubscriberStopsReading() throws Exception {
        start(256);
        try (ControlClient stalled = new ControlClient(server.path()); ControlClient live = new ControlClient(server.path())) {
            stalled.send("subscribe\n");
            live.send("subscribe\n");
            waitFor(() -> t.journal.subscriberCount() == 2);
            Replay liveReplay = new Replay();
            String l;
            while (!(l = live.readLine()).startsWith("end ")) {
                liveReplay.accept(l);
            }
            liveReplay.accept(l);
            Random rnd = new Random(3);
            int changes = 0;
            long start = System.nanoTime();
            while (t.journal.subscriberCount() == 2 && changes < 2_000_000) {
                long target = t.journal.published();
                for (int i = 0; i < 100; i++) {
                    t.randomChange(rnd); // the writer never waits for the stalled subscriber
                }
                changes += 100;
                long last = t.journal.published();
                while (liveReplay.lastSeq() < last) { // the live subscriber keeps up between batches
                    liveReplay.accept(live.readLine());
                }
                assertTrue(last >= target);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(1, t.journal.subscriberCount(), "stalled subscriber dropped after " + changes + " changes");
            assertEquals(1, t.journal.overruns());
            long seq = -1;
            String marker = null;
            while ((l = stalled.readLine()) != null) {
                if (l.startsWith("overrun ")) {
                    marker = l;
                } else if (Character.isDigit(l.charAt(0))) {
                    long s = Long.parseLong(l.substring(0, l.indexOf(' ')));
                    assertTrue(seq < 0 || s == seq + 1, "gap at " + l);
                    seq = s;
                }
            }
            assertEquals("overrun seq=" + (seq + 1), marker, "marker names the first missed event; then EOF");
            assertEquals(Replay.dump(t.device.allowedIps()), liveReplay.entries());
            System.out.printf("[control] stalled subscriber overran after %d changes (%d delivered) in %.2f s%n",
                    changes, seq, seconds);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in time");
            Thread.sleep(5);
        }
    }
}
