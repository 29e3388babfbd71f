package dev.keyroute.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A raw client of the cross-platform userspace API, for requests the {@code wg} tool refuses to
 * send (it validates keys and ports itself). Pathname sockets ignore network namespaces, so the
 * test JVM talks to a daemon in any namespace directly.
 */
public final class Uapi {
    public static final Path SOCKET_DIR = Path.of("/var/run/wireguard");
    public static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private Uapi() {
    }

    public static Path socket(String ifname) {
        return SOCKET_DIR.resolve(ifname + ".sock");
    }

    /** Sends {@code set=1}, the given {@code key=value} lines and the blank line; returns the errno the daemon answers. */
    public static int set(String ifname, String... lines) {
        StringBuilder req = new StringBuilder("set=1\n");
        for (String l : lines) {
            req.append(l).append('\n');
        }
        req.append('\n');
        return errno(exchange(ifname, req.toString()));
    }

    /**
     * Sends a complete request and reads the reply up to and including its terminating blank line.
     * Fails after {@link #REPLY_TIMEOUT} instead of hanging on a daemon that never answers.
     */
    public static String exchange(String ifname, String request) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket(ifname)));
            Thread watchdog = Thread.ofVirtual().start(() -> closeAfterTimeout(ch));
            try {
                ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8));
                while (out.hasRemaining()) {
                    ch.write(out);
                }
                StringBuilder reply = new StringBuilder();
                ByteBuffer in = ByteBuffer.allocate(4096);
                while (!reply.toString().endsWith("\n\n")) {
                    in.clear();
                    int n = ch.read(in);
                    if (n < 0) {
                        break;
                    }
                    reply.append(new String(in.array(), 0, n, StandardCharsets.UTF_8));
                }
                return reply.toString();
            } catch (AsynchronousCloseException e) {
                throw new AssertionError("no complete UAPI reply from " + socket(ifname) + " within "
                        + REPLY_TIMEOUT.toSeconds() + " s", e);
            } finally {
                watchdog.interrupt();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("UAPI exchange with " + socket(ifname) + " failed", e);
        }
    }

    private static void closeAfterTimeout(SocketChannel ch) {
        try {
            Thread.sleep(REPLY_TIMEOUT);
            ch.close();
        } catch (InterruptedException | IOException e) {
            // reply arrived in time, or the channel is already closed
        }
    }

    /** The value of the {@code errno=} line of a reply; fails if there is none. */
    public static int errno(String reply) {
        for (String line : reply.split("\n")) {
            if (line.startsWith("errno=")) {
                return Integer.parseInt(line.substring("errno=".length()).strip());
            }
        }
        throw new AssertionError("UAPI reply has no errno line: " + reply.replaceAll("private_key=\\w+", "private_key=(hidden)"));
    }
}
