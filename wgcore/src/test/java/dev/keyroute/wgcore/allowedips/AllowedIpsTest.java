package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Prefix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedIpsTest {
    private record Peer(String name) {
    }

    private final Peer a = new Peer("a");
    private final Peer b = new Peer("b");
    private final AllowedIps<Peer> table = new AllowedIps<>();

    private static Prefix p(String s) {
        return Prefix.parse(s);
    }

    private Peer lookup(String address) {
        return table.lookup(Prefix.parseAddress(address));
    }

    @Test
    void shouldReturnNullForEmptyTable() {
        assertNull(lookup("10.0.0.1"));
        assertNull(lookup("fd00::1"));
        assertNull(table.get(p("0.0.0.0/0")));
    }

    @Test
    void shouldNotMatchAddressesOfTheOtherFamily() {
        table.insert(p("0.0.0.0/0"), a);
        assertNull(lookup("::"));
        assertNull(lookup("::ffff:10.0.0.1"));
        table.insert(p("::/0"), b);
        assertSame(a, lookup("255.255.255.255"));
        assertSame(b, lookup("::ffff:10.0.0.1"));
    }

    @Test
    void shouldKeepIpv4AndIpv6DefaultRoutesSeparate() {
        table.insert(p("0.0.0.0/0"), a);
        table.insert(p("::/0"), b);
        assertSame(a, lookup("1.2.3.4"));
        assertSame(b, lookup("2001:db8::1"));
        assertSame(a, table.remove(p("0.0.0.0/0")));
        assertNull(lookup("1.2.3.4"));
        assertSame(b, lookup("2001:db8::1"));
    }

    @Test
    void shouldPreferLongestMatchAndFallBackAfterRemoval() {
        table.insert(p("10.0.0.0/8"), a);
        table.insert(p("10.1.2.0/24"), b);
        table.insert(p("10.1.2.3/32"), a);
        assertSame(a, lookup("10.1.2.3"));
        assertSame(b, lookup("10.1.2.4"));
        assertSame(a, lookup("10.9.9.9"));
        assertNull(lookup("11.0.0.0"));
        table.remove(p("10.1.2.0/24"));
        assertSame(a, lookup("10.1.2.4"));
        assertSame(a, lookup("10.1.2.3"));
    }

    @Test
    void shouldMatchIpv6HostRouteOnlyForThatAddress() {
        table.insert(p("2001:db8::/32"), a);
        table.insert(p("2001:db8::1/128"), b);
        assertSame(b, lookup("2001:db8::1"));
        assertSame(a, lookup("2001:db8::2"));
        assertSame(a, lookup("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertNull(lookup("2001:db9::"));
    }

    @Test
    void shouldReturnPreviousPeerWhenReplacing() {
        assertNull(table.insert(p("192.168.0.0/16"), a));
        assertSame(a, table.insert(p("192.168.0.0/16"), b));
        assertSame(b, lookup("192.168.7.7"));
        assertEquals(1, table.size());
        assertEquals(0, table.size(a));
        assertEquals(1, table.size(b));
    }

    @Test
    void shouldNotRemoveWhenPeerDiffers() {
        table.insert(p("fd00::/8"), a);
        assertFalse(table.remove(p("fd00::/8"), b));
        assertSame(a, table.get(p("fd00::/8")));
        assertTrue(table.remove(p("fd00::/8"), a));
        assertNull(table.get(p("fd00::/8")));
    }

    @Test
    void shouldDistinguishExactGetFromLongestMatch() {
        table.insert(p("10.0.0.0/8"), a);
        assertNull(table.get(p("10.0.0.0/16")));
        assertNull(table.get(p("10.0.0.0/7")));
        assertSame(a, table.get(p("10.0.0.0/8")));
    }

    @Test
    void shouldRemoveAllPrefixesOfPeerAndKeepOthers() {
        table.insert(p("10.0.0.0/8"), a);
        table.insert(p("10.1.0.0/16"), b);
        table.insert(p("10.1.1.0/24"), a);
        table.insert(p("fd00::/64"), a);
        assertEquals(3, table.removeByPeer(a));
        assertEquals(0, table.size(a));
        assertSame(b, lookup("10.1.1.1"));
        assertNull(lookup("10.2.0.0"));
        assertNull(lookup("fd00::1"));
        assertEquals(0, table.removeByPeer(a));
    }

    @Test
    void shouldReportPeerPrefixesRightAfterSingleRemoves() {
        table.insert(p("10.1.0.0/24"), a);
        table.insert(p("10.2.0.0/24"), a);
        table.insert(p("2001:db8:1::/48"), a);
        assertSame(a, table.remove(p("10.1.0.0/24")));
        assertEquals(2, table.size(a));
        List<Prefix> left = new ArrayList<>();
        table.forEachOfPeer(a, left::add);
        assertEquals(List.of(p("10.2.0.0/24"), p("2001:db8:1::/48")), left);
        assertSame(a, table.remove(p("2001:db8:1::/48")));
        assertEquals(1, table.removeByPeer(a));
        assertEquals(0, table.size(a));
    }

    @Test
    void shouldKeepPeerWhoseLastPrefixWasRemovedUsableAtOnce() {
        table.insert(p("10.1.0.0/24"), a);
        assertSame(a, table.remove(p("10.1.0.0/24")));
        table.insert(p("10.1.0.0/24"), a); // the removal's index update is applied before this insert's
        assertSame(a, lookup("10.1.0.9"));
        assertEquals(1, table.size(a));
        assertSame(a, table.remove(p("10.1.0.0/24")));
        table.insert(p("10.3.0.0/24"), b); // a's id is released and may be reused
        table.insert(p("fd00::/48"), a);
        assertSame(b, lookup("10.3.0.1"));
        assertSame(a, lookup("fd00::1"));
        assertEquals(1, table.size(a));
        assertEquals(1, table.size(b));
    }

    @Test
    void shouldCountOnlyCommittedChangesInVersion() {
        long v0 = table.version();
        table.insert(p("10.0.0.0/8"), a);
        assertEquals(v0 + 1, table.version());
        table.insert(p("10.0.0.0/8"), a); // same value: no change
        table.remove(p("11.0.0.0/8"));    // absent: no change
        table.remove(p("10.0.0.0/8"), b); // wrong peer: no change
        table.removeByPeer(b);
        assertEquals(v0 + 1, table.version());
        table.remove(p("10.0.0.0/8"));
        assertEquals(v0 + 2, table.version());
    }

    @Test
    void shouldApplyBatchAsOneVersion() {
        table.insert(p("10.0.0.0/8"), a);
        long v = table.version();
        table.apply(batch -> {
            batch.clear();
            batch.insert(p("10.0.0.0/8"), b);
            batch.insert(p("10.1.0.0/16"), a);
            assertSame(b, batch.get(p("10.0.0.0/8")));
            assertSame(a, lookup("10.1.0.1")); // readers still see the old state
            assertSame(a, lookup("10.2.0.1"));
        });
        assertEquals(v + 1, table.version());
        assertSame(b, lookup("10.2.0.1"));
        assertSame(a, lookup("10.1.0.1"));
    }

    @Test
    void shouldDiscardWholeBatchWhenConsumerThrows() {
        table.insert(p("10.0.0.0/8"), a);
        long v = table.version();
        assertThrows(IllegalStateException.class, () -> table.apply(batch -> {
            batch.insert(p("10.0.0.0/8"), b);
            batch.insert(p("fd00::/8"), b);
            batch.removeByPeer(a);
            throw new IllegalStateException("boom");
        }));
        assertEquals(v, table.version());
        assertSame(a, lookup("10.0.0.1"));
        assertNull(lookup("fd00::1"));
        assertEquals(1, table.size(a));
        assertEquals(0, table.size(b));
        assertEquals(1, table.removeByPeer(a)); // the peer index was restored too
    }

    @Test
    void shouldRejectBatchUseAfterApplyReturns() {
        List<Batch<Peer>> escaped = new ArrayList<>();
        table.apply(escaped::add);
        assertThrows(IllegalStateException.class, () -> escaped.getFirst().insert(p("10.0.0.0/8"), a));
    }

    @Test
    void shouldRejectModificationFromInsideIteration() {
        table.insert(p("10.0.0.0/8"), a);
        assertThrows(IllegalStateException.class,
                () -> table.forEach((prefix, peer) -> table.insert(p("11.0.0.0/8"), peer)));
        assertThrows(IllegalStateException.class,
                () -> table.forEachOfPeer(a, prefix -> table.remove(prefix)));
        assertEquals(1, table.size());
        table.insert(p("11.0.0.0/8"), a); // the lock was released
        assertEquals(2, table.size());
    }

    @Test
    void shouldIterateInAddressOrderIpv4First() {
        table.insert(p("fd00::/8"), b);
        table.insert(p("10.1.0.0/16"), a);
        table.insert(p("10.0.0.0/8"), a);
        table.insert(p("0.0.0.0/0"), b);
        table.insert(p("9.0.0.0/8"), b);
        List<String> seen = new ArrayList<>();
        table.forEach((prefix, peer) -> seen.add(prefix + " " + peer.name()));
        assertEquals(List.of("0.0.0.0/0 b", "9.0.0.0/8 b", "10.0.0.0/8 a", "10.1.0.0/16 a", "fd00::/8 b"), seen);
        List<Prefix> ofA = new ArrayList<>();
        table.forEachOfPeer(a, ofA::add);
        assertEquals(2, ofA.size());
        assertTrue(ofA.containsAll(List.of(p("10.0.0.0/8"), p("10.1.0.0/16"))));
    }

    @Test
    void shouldReadAddressFromBufferInNetworkOrderWhateverTheBufferOrder() {
        table.insert(p("10.1.2.0/24"), a);
        table.insert(p("2001:db8::/48"), b);
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(40).order(order);
            buf.put(12, Prefix.parseAddress("10.1.2.3"));
            buf.put(20, Prefix.parseAddress("2001:db8::5"));
            assertSame(a, table.lookup(buf, 12, false));
            assertSame(b, table.lookup(buf, 20, true));
            assertNull(table.lookup(buf, 0, false));
        }
    }

    @Test
    void shouldAcceptIntAndLongAddressForms() {
        table.insert(p("128.0.0.0/1"), a);
        table.insert(p("8000::/1"), b);
        assertSame(a, table.lookupV4(0x80000001));
        assertNull(table.lookupV4(0x7fffffff));
        assertSame(b, table.lookupV6(0x8000000000000000L, 1));
        assertNull(table.lookupV6(0x7fffffffffffffffL, -1));
    }

    @Test
    void shouldRejectAddressOfWrongLength() {
        assertThrows(IllegalArgumentException.class, () -> table.lookup(new byte[5]));
    }

    @Test
    void shouldRejectNullPeer() {
        assertThrows(NullPointerException.class, () -> table.insert(p("10.0.0.0/8"), null));
    }

    @Test
    void shouldClearEverything() {
        table.insert(p("10.0.0.0/8"), a);
        table.insert(p("::/0"), b);
        table.clear();
        assertEquals(0, table.size());
        assertEquals(0, table.size(a));
        assertNull(lookup("10.0.0.1"));
        assertNull(lookup("::1"));
    }
}
