package dev.keyroute.wgcore.testing;

import dev.keyroute.wgcore.bind.Bind;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An in-memory UDP network for engine tests: binds get addresses 192.0.2.N, datagrams queue until
 * the test {@link #deliverAll() delivers} them (optionally through a filter that drops, duplicates
 * or rewrites them), so handshakes and timers run deterministically on the test thread.
 */
public final class FakeNetwork {
    /** One datagram in flight. */
    public record Datagram(InetSocketAddress from, InetSocketAddress to, byte[] payload) {
    }

    private final Map<InetSocketAddress, FakeBind> binds = new HashMap<>();
    private final ArrayDeque<Datagram> inFlight = new ArrayDeque<>();
    private int nextHost = 1;
    private int nextPort = 40000;
    private Predicate<Datagram> filter = d -> true;
    private long delivered;

    /** A new bind with its own address. */
    public synchronized FakeBind newBind() {
        try {
            return new FakeBind(this, InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) nextHost++}));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Datagrams failing {@code f} are dropped on delivery. */
    public synchronized void setFilter(Predicate<Datagram> f) {
        filter = f;
    }

    synchronized int allocatePort() {
        return nextPort++;
    }

    synchronized void register(InetSocketAddress addr, FakeBind bind) {
        binds.put(addr, bind);
    }

    synchronized void unregister(InetSocketAddress addr) {
        binds.remove(addr);
    }

    synchronized void send(InetSocketAddress from, InetSocketAddress to, ByteBuffer payload) {
        byte[] p = new byte[payload.remaining()];
        payload.duplicate().get(p);
        inFlight.add(new Datagram(from, to, p));
    }

    /** Re-sends a datagram seen earlier (replay attacks in tests). */
    public synchronized void inject(Datagram d) {
        inFlight.add(d);
    }

    /** Delivers until nothing is in flight (bounded); returns how many were delivered. */
    public int deliverAll() {
        int n = 0;
        for (int i = 0; i < 100_000; i++) {
            Datagram d;
            FakeBind target;
            synchronized (this) {
                d = inFlight.poll();
                if (d == null) {
                    return n;
                }
                if (!filter.test(d)) {
                    continue;
                }
                target = binds.get(d.to());
            }
            if (target != null) {
                target.deliver(d);
                n++;
                delivered++;
            }
        }
        return n;
    }

    public synchronized int inFlightCount() {
        return inFlight.size();
    }

    public synchronized long deliveredCount() {
        return delivered;
    }

    /** A bind on this network. */
    public static final class FakeBind implements Bind {
        private final FakeNetwork net;
        private final InetAddress address;
        private volatile InetSocketAddress local;
        private volatile Receiver receiver;
        private volatile int fwmark;

        FakeBind(FakeNetwork net, InetAddress address) {
            this.net = net;
            this.address = address;
        }

        public InetSocketAddress localAddress() {
            return local;
        }

        public int fwmark() {
            return fwmark;
        }

        @Override
        public int open(int port, Receiver r) {
            if (local != null) {
                net.unregister(local);
            }
            int p = port == 0 ? net.allocatePort() : port;
            local = new InetSocketAddress(address, p);
            receiver = r;
            net.register(local, this);
            return p;
        }

        @Override
        public int port() {
            return local == null ? 0 : local.getPort();
        }

        @Override
        public void setFwmark(int mark) {
            fwmark = mark;
        }

        @Override
        public void send(ByteBuffer packet, InetSocketAddress to) {
            if (local != null) {
                net.send(local, to, packet);
            }
        }

        void deliver(Datagram d) {
            Receiver r = receiver;
            if (r != null) {
                ByteBuffer b = ByteBuffer.allocateDirect(d.payload().length);
                b.put(d.payload()).flip();
                r.onDatagram(b, d.from());
            }
        }

        @Override
        public void close() {
            if (local != null) {
                net.unregister(local);
                local = null;
            }
        }
    }
}
