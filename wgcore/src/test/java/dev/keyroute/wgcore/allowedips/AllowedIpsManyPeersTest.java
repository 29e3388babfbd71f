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
 * Tables whose peer ids do not fit the 16-bit dense node format (more than 32,767 peers), with
 * host routes packed into one /16 and one IPv6 /48 — the shape of a large VPN hub.
 */
class AllowedIpsManyPeersTest {
    private record Peer(int id) {
    }

    @Test
    void shouldResolveHostRoutesOfFortyThousandPeers() {
        int n = 40_000;
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            peers.add(new Peer(i));
        }
        AllowedIps<Peer> table = new AllowedIps<>();
        ReferenceAllowedIps<Peer> ref = new ReferenceAllowedIps<>();
        table.apply(b -> {
            for (int i = 0; i < n; i++) {
                b.insert(v4Host(i), peers.get(i));
                b.insert(v6Host(i), peers.get(i));
            }
        });
        for (int i = 0; i < n; i++) {
            ref.insert(v4Host(i), peers.get(i));
            ref.insert(v6Host(i), peers.get(i));
        }
        Peer hub = new Peer(-1);
        table.insert(Prefix.parse("10.0.0.0/16"), hub);
        ref.insert(Prefix.parse("10.0.0.0/16"), hub);
        table.insert(Prefix.parse("fd00::/48"), hub);
        ref.insert(Prefix.parse("fd00::/48"), hub);
        SplittableRandom rnd = new SplittableRandom(5);
        for (int k = 0; k < 20_000; k++) { // single changes, then everything must still agree
            int i = rnd.nextInt(n);
            if (rnd.nextBoolean()) {
                assertSame(ref.remove(v4Host(i)), table.remove(v4Host(i)));
                assertSame(ref.remove(v6Host(i)), table.remove(v6Host(i)));
            } else {
                Peer p = peers.get(rnd.nextInt(n));
                assertSame(ref.insert(v4Host(i), p), table.insert(v4Host(i), p));
                assertSame(ref.insert(v6Host(i), p), table.insert(v6Host(i), p));
            }
        }
        table.removeByPeer(peers.get(7));
        ref.removeByPeer(peers.get(7));
        for (int i = 0; i < 70_000; i++) {
            byte[] a4 = v4Host(i % 65_536).address();
            byte[] a6 = v6Host(i % 65_536).address();
            assertSame(ref.lookup(a4), table.lookup(a4), () -> "v4 " + Prefix.of(a4, 32));
            assertSame(ref.lookup(a6), table.lookup(a6), () -> "v6 " + Prefix.of(a6, 128));
        }
        assertEquals(ref.size(), table.size());
        assertNull(table.lookup(Prefix.parse("10.1.0.1/32").address()));
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
