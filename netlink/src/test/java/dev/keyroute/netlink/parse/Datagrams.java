package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.spec.Netlink;
import dev.keyroute.netlink.wire.MessageWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.function.Consumer;

/** Builds netlink datagrams for parser tests. */
public final class Datagrams {
    private Datagrams() {}

    /** One message written by {@code body} (which calls begin), finished with seq/pid. */
    public static byte[] message(int seq, int pid, Consumer<MessageWriter> body) {
        MessageWriter w = new MessageWriter(ByteBuffer.allocate(8192).order(ByteOrder.nativeOrder()));
        body.accept(w);
        int len = w.finish(seq, pid);
        byte[] b = new byte[len];
        w.buffer().get(0, b);
        return b;
    }

    /** Concatenates messages with 4-byte alignment, as the kernel packs a datagram. */
    public static byte[] concat(byte[]... messages) {
        int total = 0;
        for (byte[] m : messages) {
            total += Netlink.align(m.length);
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] m : messages) {
            System.arraycopy(m, 0, out, at, m.length);
            at += Netlink.align(m.length);
        }
        return out;
    }

    public static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    public static ByteBuffer buffer(byte[] b) {
        return ByteBuffer.wrap(b.clone()).order(ByteOrder.nativeOrder());
    }

    /** Parses {@code datagram} with {@code parser} into a {@link RecordingSink}. */
    public static RecordingSink parse(RtnlParser parser, byte[] datagram) {
        RecordingSink sink = new RecordingSink();
        parser.parse(buffer(datagram), datagram.length, sink);
        return sink;
    }
}
