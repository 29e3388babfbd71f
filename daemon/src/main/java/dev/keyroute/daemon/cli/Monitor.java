package dev.keyroute.daemon.cli;

import dev.keyroute.config.KeyrouteOptions;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code keyroute monitor [IFNAME] [--json]}: subscribes to the control socket of one interface (or
 * of every interface with a socket in /run/keyroute) and prints the snapshot and then every change.
 * After an overrun it prints the marker and subscribes again (a fresh snapshot follows).
 */
@Command(name = "monitor", description = "Print AllowedIPs and peer changes as they happen (like ip monitor).")
final class Monitor implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "IFNAME", description = "interface (default: all)")
    String ifname;

    @Option(names = "--json", description = "one JSON object per line")
    boolean json;

    @Option(names = "--socket", paramLabel = "PATH", description = "control socket path (default /run/keyroute/IFNAME.sock)")
    Path socket;

    @Option(names = "--no-snapshot", description = "do not print the initial snapshot, only changes")
    boolean noSnapshot;

    /**
     * Buffered, flushed whenever the socket has nothing more buffered (so a quiet stream shows every
     * line at once): a flush after every line cost a write per line, and printing a 1.2M-entry
     * snapshot took 3.8 s instead of 2.7 s.
     */
    private final PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false, StandardCharsets.UTF_8);

    @Override
    public Integer call() throws Exception {
        List<Path> sockets = new ArrayList<>();
        if (socket != null) {
            sockets.add(socket);
        } else if (ifname != null) {
            sockets.add(Path.of(KeyrouteOptions.CONTROL_SOCKET_DIR, ifname + ".sock"));
        } else {
            Path dir = Path.of(KeyrouteOptions.CONTROL_SOCKET_DIR);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    s.filter(p -> p.getFileName().toString().endsWith(".sock")).sorted().forEach(sockets::add);
                }
            }
            if (sockets.isEmpty()) {
                System.err.println("keyroute monitor: no control sockets in " + dir);
                return 1;
            }
        }
        boolean prefix = sockets.size() > 1;
        List<Thread> threads = new ArrayList<>();
        int[] failures = new int[1];
        for (Path p : sockets) {
            String name = p.getFileName().toString().replaceFirst("\\.sock$", "");
            threads.add(Thread.ofPlatform().start(() -> {
                if (!follow(p, name, prefix)) {
                    synchronized (failures) {
                        failures[0]++;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return failures[0] == 0 ? 0 : 1;
    }

    /** Subscribes (again after each overrun) until the daemon closes the socket; false on error. */
    private boolean follow(Path path, String name, boolean prefix) {
        while (true) {
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(path));
                ch.write(ByteBuffer.wrap("subscribe\n".getBytes(StandardCharsets.US_ASCII)));
                BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
                boolean inSnapshot = false;
                boolean overrun = false;
                String line;
                while ((line = in.readLine()) != null) {
                    MonitorLine m = MonitorLine.parse(line);
                    if (m.event().equals("snapshot")) {
                        inSnapshot = true;
                    }
                    if (!(noSnapshot && inSnapshot)) {
                        print(m, name, prefix, !in.ready());
                    }
                    if (m.event().equals("end")) {
                        inSnapshot = false;
                    }
                    if (m.event().equals("overrun")) {
                        overrun = true;
                    }
                }
                synchronized (out) {
                    out.flush();
                }
                if (!overrun) {
                    return true; // daemon went away
                }
            } catch (IOException e) {
                synchronized (out) {
                    out.flush();
                }
                System.err.println("keyroute monitor: " + path + ": " + e.getMessage());
                return false;
            }
        }
    }

    private void print(MonitorLine m, String name, boolean prefix, boolean flush) {
        String s = json ? m.json(name) : (prefix ? name + ": " : "") + m.text();
        synchronized (out) {
            out.println(s);
            if (flush) {
                out.flush();
            }
        }
    }
}
