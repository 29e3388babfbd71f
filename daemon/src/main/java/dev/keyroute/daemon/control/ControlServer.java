package dev.keyroute.daemon.control;

import dev.keyroute.daemon.notify.Journal;
import dev.keyroute.daemon.notify.SnapshotLines;
import dev.keyroute.daemon.notify.Subscriber;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The per-interface control socket (docs/CONTROL.md): a Unix stream socket, mode 0600, in a 0700
 * directory. Each connection is served by one virtual thread reading command lines; after
 * {@code subscribe} a second virtual thread writes the snapshot and the deltas from the
 * {@link Subscriber}'s queue, so a slow client only ever fills its own queue.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ControlServer.class.getName());

    private final Path path;
    private final ServerSocketChannel server;
    private final Journal journal;
    private final ControlCommands commands;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private ControlServer(Path path, ServerSocketChannel server, Journal journal, ControlCommands commands) {
        this.path = path;
        this.server = server;
        this.journal = journal;
        this.commands = commands;
        this.acceptor = Thread.ofPlatform().daemon().name("control-" + path.getFileName()).unstarted(this::acceptLoop);
    }

    /** Binds {@code path} (replacing a stale socket file) and starts accepting. */
    public static ControlServer start(Path path, Journal journal, ControlCommands commands) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.deleteIfExists(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        ControlServer s = new ControlServer(path, ch, journal, commands);
        s.acceptor.start();
        return s;
    }

    public Path path() {
        return path;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel c = server.accept();
                clients.add(c);
                Thread.ofVirtual().name("control-client").start(() -> serve(c));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warning("control socket accept failed: " + e.getMessage());
                }
                return;
            }
        }
    }

    private void serve(SocketChannel c) {
        try (c) {
            InputStream in = ChannelIo.in(c);
            OutputStream out = ChannelIo.out(c);
            LineReader reader = new LineReader(in);
            String line;
            while ((line = reader.readLine()) != null) {
                if (line == LineReader.TOO_LONG) {
                    reply(out, "error line too long (max " + LineReader.MAX_LINE + " bytes)");
                } else if (line.strip().equals("subscribe")) {
                    stream(c, reader);
                    return;
                } else {
                    reply(out, commands.execute(line));
                }
            }
        } catch (IOException e) {
            // client went away
        } finally {
            clients.remove(c);
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Writer thread sends snapshot then deltas; this thread waits for the client to hang up. */
    private void stream(SocketChannel c, LineReader reader) throws IOException {
        Subscriber sub = journal.subscribe();
        Thread writer = Thread.ofVirtual().name("control-writer").start(() -> write(c, sub));
        try {
            while (reader.readLine() != null) {
                // input after subscribe is ignored; end of input ends the subscription
            }
        } finally {
            sub.close();
            try {
                writer.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void write(SocketChannel c, Subscriber sub) {
        try {
            OutputStream out = ChannelIo.out(c);
            StringBuilder sb = new StringBuilder(64 * 1024);
            sb.append("snapshot seq=").append(sub.snapshotSeq()).append('\n');
            SnapshotLines snapshot = sub.snapshot();
            for (int i = 0; i < snapshot.size(); i++) {
                snapshot.appendLine(i, sb).append('\n');
                if (sb.length() > 60_000) {
                    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    sb.setLength(0);
                }
            }
            sb.append("end seq=").append(sub.snapshotSeq()).append(" entries=").append(snapshot.entryCount())
                    .append(" peers=").append(snapshot.peerCount()).append('\n');
            sub.snapshotSent();
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            sb.setLength(0);
            while (true) {
                String line = sub.next();
                if (line == Subscriber.END) {
                    return;
                }
                sb.append(line).append('\n');
                boolean last = line.startsWith("overrun ");
                // batch whatever is already queued into one write
                String more;
                while (!last && sb.length() < 60_000 && (more = sub.next(0)) != null) {
                    if (more == Subscriber.END) {
                        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    sb.append(more).append('\n');
                    last = more.startsWith("overrun ");
                }
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
                if (last) {
                    c.shutdownOutput();
                    c.close();
                    return;
                }
            }
        } catch (IOException e) {
            sub.close(); // dead client: stop queueing for it
            try {
                c.close();
            } catch (IOException ignored) {
                // already gone
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (SocketChannel c : clients) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
