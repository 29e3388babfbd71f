package dev.keyroute.wgcore.testing;

import dev.keyroute.wgcore.tun.Tun;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A channel-backed TUN device: packets the test {@link #inject}s come out of {@link #read}; packets
 * the engine writes are collected for {@link #takeWritten}.
 */
public final class FakeTun implements Tun {
    private static final byte[] CLOSED = new byte[0];
    private final String name;
    private final int mtu;
    private final BlockingQueue<byte[]> toEngine = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> fromEngine = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    public FakeTun(String name, int mtu) {
        this.name = name;
        this.mtu = mtu;
    }

    public void inject(byte[] packet) {
        toEngine.add(packet);
    }

    /** The next packet the engine wrote, or null after {@code timeoutMillis}. */
    public byte[] takeWritten(long timeoutMillis) throws InterruptedException {
        return fromEngine.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    public int writtenCount() {
        return fromEngine.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int index() {
        return 0;
    }

    @Override
    public int mtu() {
        return mtu;
    }

    @Override
    public int read(ByteBuffer dst) {
        try {
            byte[] p = toEngine.take();
            if (p == CLOSED) {
                return -1;
            }
            dst.put(p);
            return p.length;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void write(ByteBuffer src) {
        byte[] p = new byte[src.remaining()];
        src.duplicate().get(p);
        fromEngine.add(p);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            toEngine.add(CLOSED);
        }
    }
}
