package dev.keyroute.wgcore.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.keyroute.wgcore.Clock;
import dev.keyroute.wgcore.ProtocolConstants;
import dev.keyroute.wgcore.crypto.TransportCrypto;
import dev.keyroute.wgcore.message.MessageType;
import dev.keyroute.wgcore.message.TransportHeader;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Wire compatibility with the real thing: wireguard-go runs in its own network namespace, joined
 * to the test JVM's (root) namespace by a veth pair; the JVM speaks raw WireGuard over UDP with the
 * noise package and checks that ICMP echoes cross the tunnel in both handshake directions.
 * <pre>
 *  root ns: JVM UDP socket 10.213.N.1 ── veth ── 10.213.N.2:port  wireguard-go (ns kr...)
 *                                                 tunnel 10.214.N.2/24; our peer = 10.214.N.1/32
 * </pre>
 * Needs root, ip, wg and wireguard-go; fails instead of skipping when CI=true.
 */
class WireguardGoHandshakeInteropTest {
    private static final int TIMEOUT_MS = 5000;

    private final int n = ThreadLocalRandom.current().nextInt(1, 255);
    private final String tag = String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
    private final String ns = "kr" + tag + "ns";
    private final String vethRoot = "kr" + tag + "a";
    private final String vethNs = "kr" + tag + "b";
    private final String wgIf = "kr" + tag + "wg";
    private final int wgPort = ThreadLocalRandom.current().nextInt(20000, 60000);
    private final byte[] ourUnderlay = {10, (byte) 213, (byte) n, 1};
    private final byte[] wgUnderlay = {10, (byte) 213, (byte) n, 2};
    private final byte[] ourTunnel = {10, (byte) 214, (byte) n, 1};
    private final byte[] wgTunnel = {10, (byte) 214, (byte) n, 2};

    private final StaticIdentity us = new StaticIdentity(StaticIdentity.generatePrivate());
    private final StaticIdentity wg = new StaticIdentity(StaticIdentity.generatePrivate());
    private final CookieChecker checker = new CookieChecker(Clock.SYSTEM);
    private final CookieGenerator generator = new CookieGenerator(wg.publicKey(), Clock.SYSTEM);
    private final TransportCrypto crypto = new TransportCrypto();
    private final List<Process> processes = new ArrayList<>();
    private Path keyFile;
    private Path wgLog;
    private DatagramSocket socket;
    private InetSocketAddress wgEndpoint;

    @BeforeEach
    void setUp() throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        boolean ready = "0".equals(output("id", "-u").trim())
                && new File("/usr/bin/wireguard-go").canExecute() && new File("/usr/bin/wg").canExecute();
        if (ci && !ready) {
            fail("CI=true: this test needs root, wg and wireguard-go");
        }
        assumeTrue(ready, "needs root, wg and wireguard-go");
        checker.setLocalPublic(us.publicKey());

        run("ip", "netns", "add", ns);
        run("ip", "link", "add", vethRoot, "type", "veth", "peer", "name", vethNs);
        run("ip", "link", "set", vethNs, "netns", ns);
        run("ip", "addr", "add", dotted(ourUnderlay) + "/30", "dev", vethRoot);
        run("ip", "link", "set", vethRoot, "up");
        run("ip", "-n", ns, "addr", "add", dotted(wgUnderlay) + "/30", "dev", vethNs);
        run("ip", "-n", ns, "link", "set", vethNs, "up");
        run("ip", "-n", ns, "link", "set", "lo", "up");

        wgLog = Files.createTempFile("kr-wireguard-go", ".log");
        ProcessBuilder pb = new ProcessBuilder("ip", "netns", "exec", ns, "wireguard-go", "-f", wgIf)
                .redirectErrorStream(true).redirectOutput(wgLog.toFile());
        pb.environment().put("WG_PROCESS_FOREGROUND", "1");
        pb.environment().put("LOG_LEVEL", "verbose");
        processes.add(pb.start());
        Path sock = Path.of("/var/run/wireguard", wgIf + ".sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(sock)) {
            if (System.nanoTime() > deadline) {
                fail("wireguard-go did not open its UAPI socket: " + Files.readString(wgLog));
            }
            Thread.sleep(20);
        }

        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByAddress(ourUnderlay), 0));
        socket.setSoTimeout(TIMEOUT_MS);
        wgEndpoint = new InetSocketAddress(InetAddress.getByAddress(wgUnderlay), wgPort);

        keyFile = Files.createTempFile("kr-wg", ".key", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, wg.privateKey().toBase64() + "\n");
        run("ip", "netns", "exec", ns, "wg", "set", wgIf, "private-key", keyFile.toString(), "listen-port", Integer.toString(wgPort),
                "peer", us.publicKey().toBase64(), "allowed-ips", dotted(ourTunnel) + "/32",
                "endpoint", dotted(ourUnderlay) + ":" + socket.getLocalPort());
        run("ip", "-n", ns, "addr", "add", dotted(wgTunnel) + "/24", "dev", wgIf);
        run("ip", "-n", ns, "link", "set", wgIf, "up");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Process p : processes) {
            p.destroy();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (socket != null) {
            socket.close();
        }
        quietly("ip", "netns", "del", ns);
        quietly("ip", "link", "del", vethRoot);
        Files.deleteIfExists(Path.of("/var/run/wireguard", wgIf + ".sock"));
        if (keyFile != null) {
            Files.deleteIfExists(keyFile);
        }
        if (wgLog != null) {
            Files.deleteIfExists(wgLog);
        }
    }

    @Test
    void shouldCompleteHandshakeAndExchangeEchoWhenWeInitiate() throws Exception {
        Handshake handshake = new Handshake(us, wg.publicKey());
        ByteBuffer init = ByteBuffer.allocate(ProtocolConstants.INITIATION_SIZE);
        handshake.createInitiation(0x1234abcd, Clock.SYSTEM.epochNanos(), init);
        init.flip();
        generator.addMacs(init);
        send(init);

        ByteBuffer resp = receive(ProtocolConstants.MESSAGE_RESPONSE);
        assertEquals(ProtocolConstants.RESPONSE_SIZE, resp.remaining());
        assertTrue(checker.checkMac1(resp), "wireguard-go's mac1 verifies against our public key");
        assertTrue(handshake.consumeResponse(resp), "our noise accepts wireguard-go's response");
        Keypair kp = handshake.beginSession(System.nanoTime());
        assertNotNull(kp);

        byte[] request = icmpEcho(8, ourTunnel, wgTunnel, 0x4b52, 1);
        sendTransport(kp, request);
        byte[] reply = receiveTransport(kp);
        assertEchoMatches(reply, 0, wgTunnel, ourTunnel, 0x4b52, 1);
    }

    @Test
    void shouldAnswerWireguardGoInitiationAndCarryItsPing() throws Exception {
        Handshake handshake = new Handshake(us, wg.publicKey());
        HandshakeProcessor processor = new HandshakeProcessor(us);
        Process ping = new ProcessBuilder("ip", "netns", "exec", ns, "ping", "-c", "1", "-W", "10", dotted(ourTunnel))
                .redirectErrorStream(true).start();
        processes.add(ping);

        ByteBuffer init = receive(ProtocolConstants.MESSAGE_INITIATION);
        assertTrue(checker.checkMac1(init), "wireguard-go's mac1 verifies against our public key");
        Handshake found = processor.consumeInitiation(init, k -> k.equals(wg.publicKey()) ? handshake : null, System.nanoTime());
        assertSame(handshake, found, "our noise accepts wireguard-go's initiation");
        ByteBuffer resp = ByteBuffer.allocate(ProtocolConstants.RESPONSE_SIZE);
        handshake.createResponse(0x0badcafe, resp);
        resp.flip();
        generator.addMacs(resp);
        send(resp);
        Keypair kp = handshake.beginSession(System.nanoTime());
        assertNotNull(kp);

        byte[] request = receiveTransport(kp);
        assertEquals(8, request[20] & 0xff, "ICMP echo request");
        int id = ((request[24] & 0xff) << 8) | (request[25] & 0xff);
        int seq = ((request[26] & 0xff) << 8) | (request[27] & 0xff);
        int total = ((request[2] & 0xff) << 8) | (request[3] & 0xff);
        assertArrayEquals(wgTunnel, Arrays.copyOfRange(request, 12, 16));
        assertArrayEquals(ourTunnel, Arrays.copyOfRange(request, 16, 20));
        byte[] echoReply = icmpReplyTo(Arrays.copyOf(request, total));
        sendTransport(kp, echoReply);
        assertTrue(ping.waitFor(10, TimeUnit.SECONDS), "ping finished");
        assertEquals(0, ping.exitValue(), "ping in the namespace got our encrypted echo reply (id " + id + ", seq " + seq + "): "
                + new String(ping.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    // ---- UDP and transport framing ----

    private void send(ByteBuffer msg) throws IOException {
        byte[] b = new byte[msg.remaining()];
        msg.duplicate().get(b);
        socket.send(new DatagramPacket(b, b.length, wgEndpoint));
    }

    /** Next datagram of the given type from wireguard-go, skipping others; fails on timeout. */
    private ByteBuffer receive(int type) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS * 3L);
        byte[] b = new byte[2048];
        while (System.nanoTime() < deadline) {
            DatagramPacket p = new DatagramPacket(b, b.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                break;
            }
            ByteBuffer msg = ByteBuffer.wrap(Arrays.copyOf(b, p.getLength()));
            if (MessageType.type(msg, 0) == type) {
                return msg;
            }
        }
        fail("no message of type " + type + " from wireguard-go; its log:\n" + Files.readString(wgLog));
        return null;
    }

    private void sendTransport(Keypair kp, byte[] packet) throws IOException {
        int padded = (packet.length + 15) & ~15;
        ByteBuffer out = ByteBuffer.allocate(ProtocolConstants.TRANSPORT_HEADER_SIZE + padded + 16);
        long counter = kp.nextSendCounter();
        new TransportHeader().wrap(out, 0).writeHeader().receiver(kp.remoteIndex).counter(counter);
        out.position(ProtocolConstants.TRANSPORT_HEADER_SIZE);
        crypto.seal(kp.sendKey, counter, ByteBuffer.wrap(Arrays.copyOf(packet, padded)), out);
        out.flip();
        send(out);
    }

    /** Decrypts transport messages until one carries a non-empty packet (keepalives skipped). */
    private byte[] receiveTransport(Keypair kp) throws IOException {
        while (true) {
            ByteBuffer msg = receive(ProtocolConstants.MESSAGE_TRANSPORT);
            TransportHeader h = new TransportHeader().wrap(msg, 0);
            assertEquals(kp.localIndex, h.receiver());
            long counter = h.counter();
            ByteBuffer plain = ByteBuffer.allocate(msg.remaining());
            int len = crypto.open(kp.recvKey, counter, msg.position(ProtocolConstants.TRANSPORT_HEADER_SIZE), plain);
            assertTrue(len >= 0, "wireguard-go's transport message decrypts with our receive key");
            assertTrue(kp.replay().accept(counter));
            if (len > 0) {
                return Arrays.copyOf(plain.array(), len);
            }
        }
    }

    // ---- IPv4/ICMP ----

    private static byte[] icmpEcho(int type, byte[] src, byte[] dst, int id, int seq) {
        byte[] payload = "keyroute interop".getBytes(StandardCharsets.US_ASCII);
        byte[] p = new byte[20 + 8 + payload.length];
        p[0] = 0x45;
        p[2] = (byte) (p.length >> 8);
        p[3] = (byte) p.length;
        p[8] = 64;
        p[9] = 1;
        System.arraycopy(src, 0, p, 12, 4);
        System.arraycopy(dst, 0, p, 16, 4);
        p[20] = (byte) type;
        p[24] = (byte) (id >> 8);
        p[25] = (byte) id;
        p[26] = (byte) (seq >> 8);
        p[27] = (byte) seq;
        System.arraycopy(payload, 0, p, 28, payload.length);
        fixChecksums(p);
        return p;
    }

    private static byte[] icmpReplyTo(byte[] request) {
        byte[] p = request.clone();
        System.arraycopy(request, 16, p, 12, 4);
        System.arraycopy(request, 12, p, 16, 4);
        p[8] = 64;
        p[20] = 0;
        fixChecksums(p);
        return p;
    }

    private static void fixChecksums(byte[] p) {
        int ihl = (p[0] & 0x0f) * 4;
        p[10] = 0;
        p[11] = 0;
        int c = checksum(p, 0, ihl);
        p[10] = (byte) (c >> 8);
        p[11] = (byte) c;
        p[ihl + 2] = 0;
        p[ihl + 3] = 0;
        c = checksum(p, ihl, p.length - ihl);
        p[ihl + 2] = (byte) (c >> 8);
        p[ihl + 3] = (byte) c;
    }

    private static int checksum(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i + 1 < len; i += 2) {
            sum += ((b[off + i] & 0xff) << 8) | (b[off + i + 1] & 0xff);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xff) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static void assertEchoMatches(byte[] p, int type, byte[] src, byte[] dst, int id, int seq) {
        assertEquals(4, (p[0] & 0xff) >> 4, "IPv4");
        assertEquals(1, p[9], "ICMP");
        assertArrayEquals(src, Arrays.copyOfRange(p, 12, 16));
        assertArrayEquals(dst, Arrays.copyOfRange(p, 16, 20));
        assertEquals(type, p[20] & 0xff);
        assertEquals(id, ((p[24] & 0xff) << 8) | (p[25] & 0xff));
        assertEquals(seq, ((p[26] & 0xff) << 8) | (p[27] & 0xff));
    }

    // ---- processes ----

    private static String dotted(byte[] a) {
        try {
            return ((Inet4Address) InetAddress.getByAddress(a)).getHostAddress();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String output(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private static void quietly(String... cmd) throws IOException, InterruptedException {
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }
}
