package dev.keyroute.daemon.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keyroute.netlink.NextHop;
import dev.keyroute.wgcore.Interner;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class InternerTest {
    private static NextHop via(String gateway, int ifindex) throws Exception {
        return NextHop.via(InetAddress.getByName(gateway), ifindex); // a fresh address object each time
    }

    @Test
    void shouldHandOutTheFirstInstanceForEqualPathsAndKeepDifferentOnesApart() throws Exception {
        Interner<NextHop> interner = new Interner<>();
        NextHop first = interner.intern(via("fe80::1", 7));
        assertSame(first, interner.intern(via("fe80::1", 7)));
        assertNotSame(first, interner.intern(via("fe80::1", 8)));
        assertNotSame(first, interner.intern(via("fe80::1", 7).withWeight(2)));
        assertEquals(3, interner.size());
    }

    @Test
    void shouldForgetItsPathsOncePastTheBound() throws Exception {
        Interner<NextHop> interner = new Interner<>();
        NextHop first = interner.intern(via("10.0.0.1", 1));
        for (int i = 0; i < Interner.MAX; i++) { // with the first, one past the bound
            interner.intern(via("10." + (i >>> 16 & 0xff) + "." + (i >>> 8 & 0xff) + "." + (i & 0xff), 2));
        }
        assertEquals(0, interner.size());
        NextHop again = via("10.0.0.1", 1);
        assertSame(again, interner.intern(again), "a path seen before the reset is new again");
        assertNotSame(first, interner.intern(via("10.0.0.1", 1)));
    }
}
