package dev.keyroute.wgcore.uapi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * Serves the userspace API on {@code /var/run/wireguard/<ifname>.sock} (mode 0600), each
 * connection on its own thread of a cached pool; a connection may carry several requests. Lines
 * longer than {@link #MAX_LINE} or requests of more than {@link #MAX_LINES} lines are refused.
 */
public final class UapiServer implements AutoCloseable {
    public static final Path DEFAULT_DIR = Path.of("/var/run/wireguard");
    static final int MAX_LINE = 4096;
    static final int MAX_LINES = 4_000_000;
    private static final Logger LOG = Logger.getLogger(UapiServer.class.getName());

    private final Uapi uapi;
    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;
    private volatile boolean open = true;
    /**
     * Serves connections on threads kept for a minute after their last one (a routing daemon or
     * {@code wg} connects per request; starting a thread for each was most of a warm request's
     * time, see docs/PERFORMANCE.md).
     */
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "uapi-conn");
        t.setDaemon(true);
        return t;
    });

    private UapiServer(Uapi uapi, Path path, ServerSocketChannel server) {
        this.uapi = uapi;
        this.path = path;
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "uapi-" + path.getFileName());
        this.acceptor.setDaemon(true);
    }

    /** Binds {@code dir/<ifname>.sock}; a stale socket nobody answers on is replaced. */
    public static UapiServer start(Uapi uapi, Path dir, String ifname) throws IOException {
        Files.createDirectories(dir);
        Path path = dir.resolve(ifname + ".sock");
        if (Files.exists(path)) {
            try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                throw new IOException("another process already serves " + path);
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("another process")) {
                    throw e;
                }
                Files.deleteIfExists(path);
            }
        }
        // Bind under a temporary name, restrict it, then rename: the socket never appears under its
        // real name with the umask's wider mode, and its appearance means "ready".
        Path staging = dir.resolve("." + ifname + ".sock." + ProcessHandle.current().pid());
        Files.deleteIfExists(staging);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(staging));
        Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rw-------"));
        Files.move(staging, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        UapiServer s = new UapiServer(uapi, path, server);
        s.acceptor.start();
        return s;
    }

    public Path path() {
        return path;
    }

    /**
     * Runs {@code action} once if the socket file is deleted while the server is open — what
     * {@code wg-quick down} does to stop a userspace implementation (as wireguard-go, which watches
     * its socket). Checked every {@code periodMillis}.
     */
    public void onSocketDeleted(Runnable action, long periodMillis) {
        Thread watcher = new Thread(() -> {
            while (open) {
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (open && !Files.exists(path)) {
                    LOG.info("UAPI socket " + path + " was deleted; shutting down");
                    action.run();
                    return;
                }
            }
        }, "uapi-watch-" + path.getFileName());
        watcher.setDaemon(true);
        watcher.start();
    }

    private void acceptLoop() {
        while (open) {
            try {
                SocketChannel ch = server.accept();
                connections.execute(() -> serve(ch));
            } catch (IOException e) {
                if (open) {
                    LOG.warning("uapi accept failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel ch) {
        try (ch;
             BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
             OutputStream out = Channels.newOutputStream(ch)) {
            String op;
            while ((op = readLine(in)) != null) {
                if (op.isEmpty()) {
                    continue;
                }
                List<String> body = new ArrayList<>();
                String line;
                while ((line = readLine(in)) != null && !line.isEmpty()) {
                    if (body.size() >= MAX_LINES) {
                        throw new IOException("request too long");
                    }
                    body.add(line);
                }
                out.write(handle(op, body).getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (line == null) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.fine("uapi connection ended: " + e.getMessage());
        }
    }

    /** One request: {@code get=1} or {@code set=1} and its body; returns the full reply. */
    String handle(String op, List<String> body) {
        switch (op) {
            case "get=1" -> {
                if (!body.isEmpty()) {
                    return errno(UapiException.EINVAL);
                }
                return uapi.get() + "errno=0\n\n";
            }
            case "set=1" -> {
                try {
                    uapi.set(body);
                    return "errno=0\n\n";
                } catch (UapiException e) {
                    LOG.warning("uapi set refused: " + e.getMessage());
                    return errno(e.errno());
                } catch (RuntimeException e) {
                    LOG.warning("uapi set failed: " + e);
                    return errno(UapiException.EIO);
                }
            }
            default -> {
                return errno(UapiException.EPROTO);
            }
        }
    }

    /** As wireguard-go: the errno is sent negated, which the wg tool turns back into errno. */
    private static String errno(int errno) {
        return "errno=-" + errno + "\n\n";
    }

    private static String readLine(BufferedReader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                return sb.toString();
            }
            if (sb.length() >= MAX_LINE) {
                throw new IOException("line too long");
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    @Override
    public void close() {
        open = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdown(); // connections being served finish; idle threads end
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
