package dev.keyroute.wgcore.uapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.noise.StaticIdentity;
import dev.keyroute.wgcore.testing.FakeNetwork;
import dev.keyroute.wgcore.testing.FakeTun;
import dev.keyroute.wgcore.testing.ManualClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class UapiServerTest {
    @TempDir
    Path dir;

    private static String exchange(Path sock, String request) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            OutputStream out = Channels.newOutputStream(ch);
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            String line;
            while ((line = in.readLine()) != null) {
                sb.append(line).append('\n');
                if (line.startsWith("errno=")) {
                    break;
                }
            }
            return sb.toString();
        }
    }

    @Test
    void shouldServeGetAndSetOverUnixSocketWithOwnerOnlyMode() throws Exception {
        Device d = new Device(new FakeTun("wgs", 1420), new FakeNetwork().newBind(), new ManualClock(), true);
        d.start();
        try (UapiServer s = UapiServer.start(new Uapi(d), dir, "wgs")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(s.path())));
            String key = StaticIdentity.generatePrivate().toHex();
            assertEquals("errno=0\n", exchange(s.path(), "set=1\nprivate_key=" + key + "\nlisten_port=4242\n\n"));
            String got = exchange(s.path(), "get=1\n\n");
            assertTrue(got.startsWith("private_key=" + key + "\nlisten_port=4242\n"), got);
            assertTrue(got.endsWith("errno=0\n"));
            assertEquals("errno=-22\n", exchange(s.path(), "set=1\nlisten_port=99999\n\n"));
            assertEquals("errno=-71\n", exchange(s.path(), "frobnicate=1\n\n"));
            assertTrue(exchange(s.path(), "get=1\n\n").contains("listen_port=4242"));
        } finally {
            d.close();
        }
        assertTrue(Files.notExists(dir.resolve("wgs.sock")), "socket removed on close");
    }

    @Test
    @Timeout(30)
    void shouldServeOtherClientsWhileOneConnectionStaysIdle() throws Exception {
        Device d = new Device(new FakeTun("wgs", 1420), new FakeNetwork().newBind(), new ManualClock(), true);
        d.start();
        try (UapiServer s = UapiServer.start(new Uapi(d), dir, "wgs");
             SocketChannel idle = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            idle.connect(UnixDomainSocketAddress.of(s.path())); // connected, never sends a request
            for (int i = 0; i < 200; i++) { // one connection per request, as the wg tool does
                assertEquals("errno=0\n", exchange(s.path(), "set=1\nlisten_port=" + (4000 + i) + "\n\n"));
            }
            assertTrue(exchange(s.path(), "get=1\n\n").contains("listen_port=4199"));
        } finally {
            d.close();
        }
    }

    @Test
    void shouldRefuseToStartWhenAnotherServerOwnsTheSocket() throws Exception {
        Device d = new Device(new FakeTun("wgs", 1420), new FakeNetwork().newBind(), new ManualClock(), true);
        try (UapiServer s = UapiServer.start(new Uapi(d), dir, "wgs")) {
            assertThrows(IOException.class, () -> UapiServer.start(new Uapi(d), dir, "wgs"));
        }
    }
}
