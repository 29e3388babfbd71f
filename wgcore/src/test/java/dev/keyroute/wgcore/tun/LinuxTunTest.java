package dev.keyroute.wgcore.tun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.wgcore.sys.NetnsThread;
import dev.keyroute.wgcore.sys.RootRequirement;
import dev.keyroute.wgcore.sys.TestNetns;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinuxTunTest {
    private static final byte[] PEER = {10, 9, 0, 2};

    private TestNetns ns;
    private NetnsThread nsThread;
    private final String ifname = "krt" + Integer.toHexString((int) (Math.random() * 0xfffffff));

    @BeforeEach
    void setUp() throws IOException {
        RootRequirement.requireRoot();
        ns = TestNetns.create();
        nsThread = NetnsThread.enter(ns.name());
    }

    @AfterEach
    void tearDown() throws IOException {
        if (nsThread != null) {
            nsThread.close();
        }
        if (ns != null) {
            ns.close();
        }
    }

    private LinuxTun createUp(int mtu) throws IOException {
        LinuxTun tun = nsThread.call(() -> LinuxTun.create(ifname, mtu));
        ns.ip("addr", "add", "10.9.0.1/24", "dev", ifname);
        ns.ip("link", "set", ifname, "up");
        return tun;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void shouldDeliverPingToTunAndInjectEchoReply(boolean direct) throws Exception {
        try (LinuxTun tun = createUp(LinuxTun.DEFAULT_MTU)) {
            Process ping = ns.start("ping", "-c1", "-W3", "10.9.0.2");
            ByteBuffer buf = direct ? ByteBuffer.allocateDirect(2048) : ByteBuffer.allocate(2048);
            boolean seen = false;
            for (int i = 0; i < 50 && !seen; i++) {
                buf.clear();
                int n = tun.read(buf);
                assertEquals(n, buf.position());
                buf.flip();
                seen = Icmp4.isEchoRequestTo(buf, PEER);
            }
            assertTrue(seen, "no ICMP echo request for 10.9.0.2 read from the TUN");
            Icmp4.toEchoReply(buf);
            tun.write(buf);
            assertEquals(buf.limit(), buf.position());
            assertTrue(ping.waitFor(5, TimeUnit.SECONDS));
            String out = new String(ping.getInputStream().readAllBytes());
            assertEquals(0, ping.exitValue(), out);
        }
    }

    @Test
    void shouldReportKernelIndexAndConfiguredMtu() throws Exception {
        try (LinuxTun tun = createUp(1380)) {
            assertEquals(ifname, tun.name());
            String link = ns.ip("-o", "link", "show", "dev", ifname);
            assertEquals(Integer.parseInt(link.substring(0, link.indexOf(':'))), tun.index());
            assertTrue(link.contains("mtu 1380"), link);
            assertEquals(1380, tun.mtu());
        }
    }

    @Test
    void shouldCreateDeviceInTheCallingThreadsNamespaceOnly() throws Exception {
        assertNotEquals(nsThread.netnsLink(),
                Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString());
        try (LinuxTun tun = createUp(LinuxTun.DEFAULT_MTU)) {
            assertNotEquals(0, TestNetns.exitStatus("ip", "link", "show", "dev", tun.name()));
        }
    }

    @Test
    void shouldUnblockReaderAndRemoveDeviceOnClose() throws Exception {
        LinuxTun tun = nsThread.call(() -> LinuxTun.create(ifname, LinuxTun.DEFAULT_MTU)); // down: nothing queued
        AtomicInteger result = new AtomicInteger(Integer.MIN_VALUE);
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try {
                result.set(tun.read(ByteBuffer.allocateDirect(2048)));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        assertTrue(!reader.isDone(), "read should block while no packet is queued");
        long t0 = System.nanoTime();
        tun.close();
        reader.get(1, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(1));
        assertEquals(-1, result.get());
        assertEquals(-1, tun.read(ByteBuffer.allocateDirect(16)));
        assertThrows(IOException.class, () -> tun.write(ByteBuffer.allocateDirect(20)));
        assertNotEquals(0, TestNetns.exitStatus("ip", "-n", ns.name(), "link", "show", "dev", ifname));
    }

    @Test
    void shouldRejectNameLongerThanFifteenCharacters() {
        assertThrows(IllegalArgumentException.class, () -> LinuxTun.create("abcdefghijklmnop", 1420));
        assertThrows(IllegalArgumentException.class, () -> LinuxTun.create("wg/0", 1420));
        assertThrows(IllegalArgumentException.class, () -> LinuxTun.create("", 1420));
        LinuxTun.validateName("abcdefghijklmno");
    }
}
