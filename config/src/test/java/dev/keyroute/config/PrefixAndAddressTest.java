package dev.keyroute.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrefixAndAddressTest {
    @ParameterizedTest
    @CsvSource({
            "10.1.2.3/8, 10.0.0.0/8",
            "fd00::1/64, fd00::/64",
            "192.168.77.129/25, 192.168.77.128/25",
            "10.0.0.1/0, 0.0.0.0/0",
            "2001:DB8:0:0:0:0:0:FFFF/127, 2001:db8::fffe/127",
            "10.0.0.9, 10.0.0.9/32",
            "fd00::9, fd00::9/128",
    })
    void shouldMaskHostBitsOfPrefixes(String in, String canonical) {
        assertEquals(canonical, Prefix.parse(in).toString());
        assertEquals(Prefix.parse(canonical), Prefix.parse(in));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/1a", "10.0.0/8", "x/8"})
    void shouldRejectBadPrefixes(String text) {
        assertThrows(IllegalArgumentException.class, () -> Prefix.parse(text));
    }

    @Test
    void shouldKeepHostBitsOfInterfaceAddress() {
        InterfaceAddress a = InterfaceAddress.parse("10.0.0.1/24");
        assertEquals("10.0.0.1/24", a.toString());
        assertEquals(24, a.length());
        assertEquals(Prefix.parse("10.0.0.0/24"), a.prefix());
        assertNotEquals(InterfaceAddress.parse("10.0.0.2/24"), a);
        assertEquals("fd00::1/64", InterfaceAddress.parse("FD00:0::1/64").toString());
        assertEquals("fd00::1/128", InterfaceAddress.parse("fd00::1").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1/33", "fd00::1/129", "10.0.0.1/", "host/24", ""})
    void shouldRejectBadInterfaceAddresses(String text) {
        assertThrows(IllegalArgumentException.class, () -> InterfaceAddress.parse(text));
    }

    @Test
    void shouldExposeAddressBitsWithoutCopying() {
        assertEquals(0x0a01020300000000L, Prefix.parse("10.1.2.3/32").addressBits(0));
        assertEquals(0x0a01000000000000L, Prefix.parse("10.1.2.3/16").addressBits(0));
        Prefix v6 = Prefix.parse("2001:db8::ff00:1/128");
        assertEquals(0x20010db800000000L, v6.addressBits(0));
        assertEquals(0x00000000ff000001L, v6.addressBits(8));
        assertEquals(0xfe80000000000000L, Prefix.parse("fe80::/10").addressBits(0));
    }

    @Test
    void shouldContainOnlyAddressesInsideThePrefixInBothHalvesOfAnIpv6Address() {
        Prefix p = Prefix.parse("2001:db8::1:0/112");
        assertTrue(p.contains(Prefix.parseAddress("2001:db8::1:5")));
        assertFalse(p.contains(Prefix.parseAddress("2001:db8::2:5")));
        assertFalse(p.contains(Prefix.parseAddress("2001:db9::1:5")));
        assertFalse(p.contains(Prefix.parseAddress("10.0.0.1")));
        Prefix v4 = Prefix.parse("10.1.2.0/23");
        assertTrue(v4.contains(Prefix.parseAddress("10.1.3.255")));
        assertFalse(v4.contains(Prefix.parseAddress("10.1.4.0")));
        assertTrue(Prefix.parse("::/0").contains(Prefix.parseAddress("fe80::1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.0/24", "0.0.0.0/0", "255.255.255.255/32", "2001:db8::ff00:1/128", "::/0",
        "fe80::/10", "2001:db8:0:1::/64"})
    void shouldGiveBackTheAddressBytesItWasMadeFrom(String text) {
        Prefix p = Prefix.parse(text);
        assertArrayEquals(Prefix.parseAddress(text.substring(0, text.indexOf('/'))), p.address());
        assertEquals(p, Prefix.of(p.address(), p.length()));
        assertEquals(text, p.toString());
    }

    @Test
    void shouldHashNeighbouringPrefixesApart() {
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        int n = 0;
        for (int b = 0; b < 256; b++) {
            for (int c = 0; c < 256; c++, n++) { // every /24 of 10.0.0.0/8: a routing table's neighbours
                hashes.add(Prefix.of(new byte[] {10, (byte) b, (byte) c, 0}, 24).hashCode());
            }
        }
        for (int i = 0; i < 16_384; i++, n++) { // the /48s of 2001:db8::/34
            hashes.add(Prefix.of(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, (byte) (i >>> 8), (byte) i, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 48)
                    .hashCode());
        }
        hashes.add(Prefix.parse("10.0.0.0/8").hashCode());
        hashes.add(Prefix.parse("10.0.0.0/16").hashCode());
        n += 2;
        // base-31 hashing gave these about 8 prefixes per hash; random 32-bit hashes collide ~1 time in 10^5
        assertEquals(n, hashes.size(), 5.0);
    }

    @ParameterizedTest
    @CsvSource({"1:0:0:1:0:0:0:1/128, 1:0:0:1::1/128", "1:0:0:1:0:0:1:1/128, 1::1:0:0:1:1/128",
        "0:1:0:1:0:1:0:1/128, 0:1:0:1:0:1:0:1/128", "1:2:3:4:5:6:7:0/128, 1:2:3:4:5:6:7:0/128",
        "1:0:0:0:0:0:0:0/128, 1::/128", "0:0:0:0:0:0:0:1/128, ::1/128", "abcd:ef01:2345:6789:a:bc:def:0/128,"
            + " abcd:ef01:2345:6789:a:bc:def:0/128"})
    void shouldCompressOnlyTheFirstLongestRunOfTwoOrMoreZeroGroups(String in, String canonical) {
        assertEquals(canonical, Prefix.parse(in).toString());
    }

    @Test
    void shouldWriteTheSameTextAsTheSlowFormattersForRandomPrefixes() throws Exception {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5952);
        StringBuilder sb = new StringBuilder("x");
        for (int i = 0; i < 20_000; i++) {
            boolean v6 = (i & 1) == 1;
            byte[] a = new byte[v6 ? 16 : 4];
            rnd.nextBytes(a);
            for (int g = 0; v6 && g < 8; g++) {
                if (rnd.nextInt(3) == 0) { // zero groups, often in runs, so "::" lands everywhere
                    a[2 * g] = 0;
                    a[2 * g + 1] = 0;
                } else if (rnd.nextInt(4) == 0) {
                    a[2 * g] = 0; // a group with leading zeros
                }
            }
            Prefix p = Prefix.of(a, v6 ? 128 : rnd.nextInt(33));
            String expected = (v6 ? slowIpv6Text(p.address())
                    : java.net.InetAddress.getByAddress(p.address()).getHostAddress()) + "/" + p.length();
            assertEquals(expected, p.toString());
            sb.setLength(1);
            assertEquals("x" + expected, p.appendTo(sb).toString());
            assertEquals(p, Prefix.parse(expected));
        }
    }

    /** RFC 5952 the long way: every group as hex, then the first longest run of 2+ zero groups as "::". */
    private static String slowIpv6Text(byte[] a) {
        String[] g = new String[8];
        for (int i = 0; i < 8; i++) {
            g[i] = Integer.toHexString((a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff));
        }
        String full = String.join(":", g);
        for (int run = 8; run >= 2; run--) {
            for (int start = 0; start + run <= 8; start++) {
                boolean zeros = true;
                for (int k = start; k < start + run; k++) {
                    zeros &= g[k].equals("0");
                }
                if (zeros) {
                    return String.join(":", java.util.Arrays.copyOfRange(g, 0, start)) + "::"
                            + String.join(":", java.util.Arrays.copyOfRange(g, start + run, 8));
                }
            }
        }
        return full;
    }
}
