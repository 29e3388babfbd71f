package dev.keyroute.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoundTripTest {
    static WgConfig parse(String text, ConfigParser.Dialect d) throws Exception {
        return ConfigParser.parse("rt.conf", new StringReader(text), d);
    }

    @Test
    void shouldWriteMessyInputInCanonicalForm() throws Exception {
        String priv = TestKeys.b64(1);
        String pub = TestKeys.b64(2);
        String messy = """
                [interface]   # comment
                  privatekey=%s
                address=10.0.0.1/24,FD00::1/64
                dns = corp.example,10.0.0.53
                fwmark = 1234
                [PEER]
                allowedips = 10.1.2.3/8,FD00::1:2/64
                publickey   =   %s
                endpoint = [FD00::0002]:51820
                persistentkeepalive = 0
                [KeyRoute]
                tables = 100, MAIN
                metricsaddress = off
                """.formatted(priv, pub);
        String expected = """
                [Interface]
                PrivateKey = %s
                FwMark = 0x4d2
                Address = 10.0.0.1/24, fd00::1/64
                DNS = 10.0.0.53, corp.example

                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.0/8, fd00::/64
                Endpoint = [fd00::2]:51820

                [keyroute]
                Tables = 100, main
                MetricsAddress = off
                """.formatted(priv, pub);
        WgConfig c = parse(messy, ConfigParser.Dialect.WG_QUICK);
        assertEquals(expected, ConfigWriter.writeWgQuick(c));
        assertEquals(c, parse(expected, ConfigParser.Dialect.WG_QUICK));
    }

    @Test
    void shouldOmitWgQuickKeysAndKeyrouteSectionInSetconfOutput() throws Exception {
        WgConfig c = parse("""
                [Interface]
                ListenPort = 51820
                Address = 10.0.0.1/24
                PostUp = echo up
                SaveConfig = true
                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.2/32
                [keyroute]
                SourceCheck = off
                """.formatted(TestKeys.b64(2)), ConfigParser.Dialect.WG_QUICK);
        String setconf = ConfigWriter.writeSetconf(c);
        assertEquals("""
                [Interface]
                ListenPort = 51820

                [Peer]
                PublicKey = %s
                AllowedIPs = 10.0.0.2/32
                """.formatted(TestKeys.b64(2)), setconf);
        WgConfig back = parse(setconf, ConfigParser.Dialect.SETCONF);
        assertEquals(c.strip(), back);
        assertTrue(c.hasWgQuickSettings());
        assertFalse(back.hasWgQuickSettings());
    }

    @Test
    void shouldRoundTripGeneratedConfigs() throws Exception {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        RandomConfigs gen = new RandomConfigs(r);
        for (int i = 0; i < 2000; i++) {
            WgConfig c = gen.config();
            String text = ConfigWriter.writeWgQuick(c);
            String where = "seed " + seed + " iteration " + i + ":\n" + text;
            WgConfig back = parse(text, ConfigParser.Dialect.WG_QUICK);
            assertEquals(c, back, where);
            assertEquals(c.hashCode(), back.hashCode(), where);
            assertEquals(text, ConfigWriter.writeWgQuick(back), where);

            String setconf = ConfigWriter.writeSetconf(c);
            assertEquals(c.strip(), parse(setconf, ConfigParser.Dialect.SETCONF), "seed " + seed + ":\n" + setconf);
        }
    }

    @Test
    void shouldDistinguishConfigsThatDifferInOneSetting() {
        RandomConfigs gen = new RandomConfigs(new Random(7));
        WgConfig c = gen.config();
        WgConfig other = c.toBuilder().addPeer(gen.peer()).build();
        assertFalse(c.equals(other));
        WgConfig fw = c.toBuilder().setInterface(c.iface().toBuilder().setFwMark(c.iface().fwMark() + 1).build())
                .build();
        assertFalse(c.equals(fw));
    }
}
