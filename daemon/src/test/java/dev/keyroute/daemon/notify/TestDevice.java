package dev.keyroute.daemon.notify;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.device.RouteInfo;
import dev.keyroute.wgcore.noise.StaticIdentity;
import dev.keyroute.wgcore.testing.FakeNetwork;
import dev.keyroute.wgcore.testing.FakeTun;
import dev.keyroute.wgcore.testing.ManualClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A manual-mode device with a journal attached and a few peers, plus a random change generator. */
public final class TestDevice implements AutoCloseable {
    public final Device device = new Device(new FakeTun("wgt", 1420), new FakeNetwork().newBind(), new ManualClock(), true);
    public final Journal journal;
    public final List<Peer> peers = new ArrayList<>();

    public TestDevice(int queueCapacity, int peerCount) {
        journal = new Journal(device, queueCapacity).attach();
        for (int i = 0; i < peerCount; i++) {
            peers.add(device.addPeer(newKey()));
        }
    }

    public static Key newKey() {
        return StaticIdentity.derivePublic(StaticIdentity.generatePrivate());
    }

    public static Prefix randomPrefix(Random rnd) {
        if (rnd.nextInt(4) == 0) {
            return Prefix.of(new byte[] {(byte) 0xfd, 0, 0, 0, 0, 0, (byte) rnd.nextInt(16), (byte) rnd.nextInt(64),
                    0, 0, 0, 0, 0, 0, 0, 0}, 64);
        }
        return Prefix.of(new byte[] {10, (byte) rnd.nextInt(8), (byte) rnd.nextInt(64), 0}, 24);
    }

    /** One random change in a random layer, as a config tool, route follower or API client would make. */
    public void randomChange(Random rnd) {
        Prefix p = randomPrefix(rnd);
        Peer peer = peers.get(rnd.nextInt(peers.size()));
        switch (rnd.nextInt(6)) {
            case 0 -> device.allowedIps().addStatic(peer, p);
            case 1 -> device.allowedIps().removeStatic(peer, p);
            case 2 -> device.allowedIps().setRoute(p, peer,
                    new RouteInfo(rnd.nextBoolean() ? 254 : 100, 186, rnd.nextInt(3) * 10));
            case 3 -> device.allowedIps().removeRoute(p);
            case 4 -> device.allowedIps().addApi(peer, p);
            default -> device.allowedIps().removeApi(peer, p);
        }
    }

    @Override
    public void close() {
        device.close();
    }
}
