package dev.keyroute.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A client of keyrouted's control socket (docs/CONTROL.md); the socket path is shared by all namespaces. */
public final class ControlSocketClient implements AutoCloseable {
    private final SocketChannel ch;
    private final BufferedReader in;

    public ControlSocketClient(Path path) {
        try {
            ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            ch.connect(UnixDomainSocketAddress.of(path));
            in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + path, e);
        }
    }

    public static Path defaultPath(String ifname) {
        return Path.of("/run/keyroute", ifname + ".sock");
    }

    /** Sends one command line and returns the reply line. */
    public String request(String line) {
        try {
            ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
