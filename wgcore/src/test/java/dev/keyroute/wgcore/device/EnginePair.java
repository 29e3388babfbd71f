package dev.keyroute.wgcore.device;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.noise.StaticIdentity;
import dev.keyroute.wgcore.testing.FakeNetwork;
import dev.keyroute.wgcore.testing.FakeTun;
import dev.keyroute.wgcore.testing.ManualClock;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Two manual-mode engines A (10.0.0.1) and B (10.0.0.2) on a fake network with one clock, each
 * holding the other as a peer. {@link #pump()} runs handshakes, timers and delivery to quiescence.
 */
final class EnginePair implements AutoCloseable {
    final ManualClock clock = new ManualClock();
    final FakeNetwork net = new FakeNetwork();
    final FakeNetwork.FakeBind bindA = net.newBind();
    final FakeNetwork.FakeBind bindB = net.newBind();
    final FakeTun tunA = new FakeTun("wga", 1420);
    final FakeTun tunB = new FakeTun("wgb", 1420);
    final Device a = new Device(tunA, bindA, clock, true);
    final Device b = new Device(tunB, bindB, clock, true);
    final Key keyA = StaticIdentity.generatePrivate();
    final Key keyB = StaticIdentity.generatePrivate();
    final Peer bOnA;
    final Peer aOnB;

    EnginePair() throws IOException {
        a.setPrivateKey(keyA);
        b.setPrivateKey(keyB);
        a.start();
        b.start();
        bOnA = a.addPeer(b.publicKey());
        aOnB = b.addPeer(a.publicKey());
        bOnA.setEndpoint(bindB.localAddress());
        aOnB.setEndpoint(bindA.localAddress());
        a.allowedIps().addStatic(bOnA, Prefix.parse("10.0.0.2/32"));
        b.allowedIps().addStatic(aOnB, Prefix.parse("10.0.0.1/32"));
    }

    /** Runs both engines' pending work and delivers datagrams until nothing moves. */
    void pump() {
        for (int i = 0; i < 50; i++) {
            a.runPending();
            b.runPending();
            if (net.deliverAll() == 0 && net.inFlightCount() == 0) {
                a.runPending();
                b.runPending();
                if (net.inFlightCount() == 0) {
                    return;
                }
            }
        }
    }

    static void send(Device d, byte[] packet) {
        d.route(ByteBuffer.wrap(packet));
    }

    @Override
    public void close() {
        a.close();
        b.close();
    }
}
