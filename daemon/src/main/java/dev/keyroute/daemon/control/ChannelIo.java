package dev.keyroute.daemon.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Buffered streams straight over a blocking {@link SocketChannel}, so one thread may read while
 * another writes (the channel's read and write sides are independent).
 */
final class ChannelIo {
    private ChannelIo() {
    }

    static InputStream in(SocketChannel c) {
        ByteBuffer b = ByteBuffer.allocate(8192).flip();
        return new InputStream() {
            @Override
            public int read() throws IOException {
                while (!b.hasRemaining()) {
                    b.clear();
                    int n = c.read(b);
                    b.flip();
                    if (n < 0) {
                        return -1;
                    }
                }
                return b.get() & 0xff;
            }
        };
    }

    static OutputStream out(SocketChannel c) {
        return new OutputStream() {
            @Override
            public void write(int v) throws IOException {
                write(new byte[] {(byte) v}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int off, int len) throws IOException {
                ByteBuffer b = ByteBuffer.wrap(bytes, off, len);
                while (b.hasRemaining()) {
                    c.write(b);
                }
            }
        };
    }
}
