package dev.keyroute.wgcore.allowedips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.keyroute.config.Prefix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The lookup index's own stride-32 entries for the /32s under an original /29../31
 * ({@link Covers6}): lookups there are answered by the index, and the entries follow every
 * change of those prefixes, whether written by single changes, by batches, or by a rebuild of
 * the whole index.
 */
class AllowedIpsPushedCoverTest {
    private record Peer(String name) {
    }

    /** How the changes reach the table. */
    enum Mode {
        SINGLE, BATCH, REBUILT
    }

    private static final String INSIDE = "2001:dbd:1::1";

    private final Peer a = new Peer("a");
    private final Peer b = new Peer("b");
    private final Peer c = new Peer("c");
    private final Peer d = new Peer("d");
    private final AllowedIps<Peer> table = new AllowedIps<>();

    private static Prefix p(String s) {
        return Prefix.parse(s);
    }

    private Peer lookup(String address) {
        return table.lookup(Prefix.parseAddress(address));
    }

    private int index(String address) {
        return table.indexLookupV6(Keys.long8(Prefix.parseAddress(address), 0));
    }

    private void change(Mode mode, Consumer<Batch<Peer>> change) {
        if (mode == Mode.SINGLE) {
            change.accept(new SingleChanges());
        } else {
            table.apply(change);
        }
    }

    /**
     * 2001::/16 to d and 2001:db8::/29 to a; with {@link Mode#REBUILT} in one batch together with
     * 5,000 /48s elsewhere, enough for the index to be rebuilt from the table.
     */
    private void load(Mode mode) {
        if (mode != Mode.REBUILT) {
            change(mode, t -> t.insert(p("2001::/16"), d));
            change(mode, t -> t.insert(p("2001:db8::/29"), a));
            return;
        }
        List<Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            prefixes.add(p(String.format("3fff:%x:%x::/48", i >>> 8, i & 0xff)));
        }
        prefixes.add(p("2001::/16"));
        prefixes.add(p("2001:db8::/29"));
        List<Peer> peers = new ArrayList<>(Collections.nCopies(5_000, c));
        peers.add(d);
        peers.add(a);
        table.apply(t -> t.insertAll(prefixes, peers));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldAnswerInsideSlash29FromIndexAndFollowEveryChange(Mode mode) {
        load(mode);
        assertSame(a, lookup(INSIDE));
        assertNotEquals(Fast6.MISS, index(INSIDE), "a /32 under a /29 has its own index entry");
        assertSame(d, lookup("2001:dc0::1"));

        change(mode, t -> t.insert(p("2001:dbc::/30"), b));
        assertSame(b, lookup(INSIDE));
        assertSame(a, lookup("2001:dbb::1"));

        change(mode, t -> t.remove(p("2001:dbc::/30")));
        assertSame(a, lookup(INSIDE));

        change(mode, t -> t.insert(p("2001:db8::/29"), c));
        assertSame(c, lookup(INSIDE));
        assertSame(c, lookup("2001:db8::1"));

        change(mode, t -> t.insert(p("2001:dbd::/32"), b));
        change(mode, t -> t.remove(p("2001:db8::/29")));
        assertSame(d, lookup("2001:dbc::1"));
        assertEquals(Fast6.MISS, index("2001:dbc::1"), "no /29../31 left above it");
        assertSame(b, lookup(INSIDE));

        change(mode, t -> t.remove(p("2001:dbd::/32")));
        assertSame(d, lookup(INSIDE));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void shouldFallBackToShorterCoverWhenPeerOfSlash31IsRemoved(Mode mode) {
        load(mode);
        change(mode, t -> t.insert(p("2001:dbe::/31"), b));
        change(mode, t -> t.insert(p("2001:dbf:5::/48"), c));
        assertSame(b, lookup("2001:dbe::1"));
        assertSame(b, lookup("2001:dbf::1"));
        assertSame(c, lookup("2001:dbf:5::1"));

        change(mode, t -> t.removeByPeer(b));
        assertSame(a, lookup("2001:dbe::1"));
        assertSame(a, lookup("2001:dbf::1"));

        change(mode, t -> t.removeByPeer(a));
        assertSame(d, lookup("2001:dbe::1"));
        assertSame(d, lookup("2001:dbf::1"));
        assertSame(c, lookup("2001:dbf:5::1"));
    }

    @Test
    void shouldGiveNoIndexEntryForSlash32sUnderShorterPrefixesOnly() {
        table.insert(p("2001:d00::/24"), a);
        table.insert(p("2001:d80::/28"), b);
        assertSame(b, lookup("2001:d85::1"));
        assertEquals(Fast6.MISS, index("2001:d85::1"), "a /28 is left to the short trie");
        assertSame(a, lookup("2001:d05::1"));
    }

    /** {@link Batch} over single changes of the table, so one scenario serves every mode. */
    private final class SingleChanges implements Batch<Peer> {
        @Override
        public Peer insert(Prefix prefix, Peer peer) {
            return table.insert(prefix, peer);
        }

        @Override
        public int insertAll(List<Prefix> prefixes, List<? extends Peer> peers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean remove(Prefix prefix, Peer peer) {
            return table.remove(prefix, peer);
        }

        @Override
        public Peer remove(Prefix prefix) {
            return table.remove(prefix);
        }

        @Override
        public int removeByPeer(Peer peer) {
            return table.removeByPeer(peer);
        }

        @Override
        public void clear() {
            table.clear();
        }

        @Override
        public Peer get(Prefix exact) {
            return table.get(exact);
        }
    }
}
