package dev.keyroute.wgcore.device;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.noise.LinkLocal;
import dev.keyroute.wgcore.noise.StaticIdentity;
import dev.keyroute.wgcore.testing.FakeNetwork;
import dev.keyroute.wgcore.testing.FakeTun;
import dev.keyroute.wgcore.testing.ManualClock;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code n} manual-mode engines on one fake network and clock, each holding every other as a peer
 * with an endpoint and, as its only AllowedIPs, the other's tunnel address {@code 10.0.0.(i+1)/32}
 * (the setup of a Babel mesh on one interface per node).
 */
final class EngineMesh implements AutoCloseable {
    final ManualClock clock = new ManualClock();
    final FakeNetwork net = new FakeNetwork();
    final List<FakeTun> tuns = new ArrayList<>();
    final List<Device> devices = new ArrayList<>();

    EngineMesh(int n) throws IOException {
        List<FakeNetwork.FakeBind> binds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FakeNetwork.FakeBind bind = net.newBind();
            FakeTun tun = new FakeTun("wg" + i, 1420);
            Device d = new Device(tun, bind, clock, true);
            d.setPrivateKey(StaticIdentity.generatePrivate());
            d.start();
            binds.add(bind);
            tuns.add(tun);
            devices.add(d);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    Peer p = devices.get(i).addPeer(devices.get(j).publicKey());
                    p.setEndpoint(binds.get(j).localAddress());
                    devices.get(i).allowedIps().addStatic(p, Prefix.parse("10.0.0." + (j + 1) + "/32"));
                }
            }
        }
    }

    Device device(int i) {
        return devices.get(i);
    }

    FakeTun tun(int i) {
        return tuns.get(i);
    }

    /** Engine {@code j} as a peer of engine {@code i}. */
    Peer peer(int i, int j) {
        return devices.get(i).peer(devices.get(j).publicKey());
    }

    /** LL of engine {@code i}'s own key. */
    byte[] ll(int i) {
        return LinkLocal.address(devices.get(i).publicKey());
    }

    void send(int i, byte[] packet) {
        devices.get(i).route(ByteBuffer.wrap(packet));
    }

    /** Runs every engine's pending work and delivers datagrams until nothing moves. */
    void pump() {
        for (int round = 0; round < 50; round++) {
            devices.forEach(Device::runPending);
            if (net.deliverAll() == 0 && net.inFlightCount() == 0) {
                devices.forEach(Device::runPending);
                if (net.inFlightCount() == 0) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        devices.forEach(Device::close);
    }
}
