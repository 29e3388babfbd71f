package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keyroute.config.Prefix;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Tables whose peer ids do not fit a 16-bit IPv4 slot or dense node (more than 32,767 peers), with
 * host routes packed into one IPv4 /16 and one IPv6 /48 — the shape of a large VPN hub. The
 * expected answer of every host address is kept directly (its host route's peer, else the
 * covering /16 or /48 of the hub).
 */
class AllowedIpsManyPeersTest {
    private static final int N = 40_000;

    private record Peer(int id) {
    }

    @Test
    void shouldResolveHostRoutesOfFortyThousandPeers() {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            peers.add(new Peer(i));
        }
        Peer hub = new Peer(-1);
        Peer[] host4 = new Peer[1 << 16];
        Peer[] host6 = new Peer[1 << 16];
        AllowedIps<Peer> table = new AllowedIps<>();
        table.apply(b -> {
            for (int i = 0; i < N; i++) {
                b.insert(v4Host(i), peers.get(i));
                b.insert(v6Host(i), peers.get(i));
            }
        });
        for (int i = 0; i < N; i++) {
            host4[i] = peers.get(i);
            host6[i] = peers.get(i);
        }
        table.insert(Prefix.parse("10.0.0.0/16"), hub);
        table.insert(Prefix.parse("fd00::/48"), hub);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = 0; k < 20_000; k++) { // single changes
            int i = rnd.nextInt(1 << 16);
            if (rnd.nextBoolean()) {
                assertSame(host4[i], table.remove(v4Host(i)));
                assertSame(host6[i], table.remove(v6Host(i)));
                host4[i] = null;
                host6[i] = null;
            } else {
                Peer p = peers.get(rnd.nextInt(N));
                assertSame(host4[i], table.insert(v4Host(i), p));
                assertSame(host6[i], table.insert(v6Host(i), p));
                host4[i] = p;
                host6[i] = p;
            }
        }
        Peer gone = peers.get(7);
        int count = 0;
        for (int i = 0; i < host4.length; i++) {
            if (host4[i] == gone) {
                host4[i] = null;
                count++;
            }
            if (host6[i] == gone) {
                host6[i] = null;
                count++;
            }
        }
        assertEquals(count, table.removeByPeer(gone));
        int size = 2;
        for (int i = 0; i < host4.length; i++) {
            Peer e4 = host4[i] == null ? hub : host4[i];
            Peer e6 = host6[i] == null ? hub : host6[i];
            int at = i;
            assertSame(e4, table.lookup(v4Host(i).address()), () -> "v4 host " + at);
            assertSame(e6, table.lookup(v6Host(i).address()), () -> "v6 host " + at);
            assertSame(host4[i], table.get(v4Host(i)));
            size += (host4[i] == null ? 0 : 1) + (host6[i] == null ? 0 : 1);
        }
        assertEquals(size, table.size());
        assertNull(table.lookup(Prefix.parse("10.1.0.1/32").address()));
        assertNull(table.lookup(Prefix.parse("fd00:0:1::1/128").address()));
    }

    private static Prefix v4Host(int i) {
        return Prefix.of(new byte[] {10, 0, (byte) (i >>> 8), (byte) i}, 32);
    }

    private static Prefix v6Host(int i) {
        byte[] a = new byte[16];
        a[0] = (byte) 0xfd;
        a[14] = (byte) (i >>> 8);
        a[15] = (byte) i;
        return Prefix.of(a, 128);
    }
}
