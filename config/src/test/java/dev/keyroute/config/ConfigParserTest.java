package dev.keyroute.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
    static final String PRIV = TestKeys.b64(1);
    static final String PUB_A = TestKeys.b64(2);
    static final String PUB_B = TestKeys.b64(3);
    static final String PSK = TestKeys.b64(4);

    static WgConfig parse(String text) throws IOException, ConfigException {
        return ConfigParser.parse("wg0.conf", new StringReader(text));
    }

    @Test
    void shouldParseFullWgQuickFile() throws Exception {
        String text = """
                # site A
                [Interface]
                PrivateKey = %s
                ListenPort = 51820
                FwMark = 0x1234
                Address = 10.0.0.1/24, fd00::1/64
                address = 10.9.0.1/32   # repeated list key appends
                DNS = 10.0.0.53,fd00::53, corp.example
                MTU = 1420
                Table = off
                PreUp = echo pre
                PostUp = iptables -A FORWARD -i %%i -j ACCEPT
                PostUp = echo second
                PreDown = echo down
                PostDown = echo gone
                SaveConfig = true

                [peer]
                PUBLICKEY = %s
                PresharedKey = %s
                AllowedIPs = 10.1.0.0/16 ,10.2.0.0/16
                AllowedIPs = fd01::/48
                Endpoint = [fd00::2]:51820
                PersistentKeepalive = 25

                [Peer]
                PublicKey = %s
                Endpoint = vpn.example.com:4500
                PersistentKeepalive = off

                [KEYROUTE]
                Tables = main, 100, local
                SourceCheck = off
                Multicast = off
                MetricsAddress = [::1]:9100
                ControlSocket = /run/kr/wg0.sock
                """.formatted(PRIV, PUB_A, PSK, PUB_B);
        WgConfig c = parse(text);

        InterfaceConfig i = c.iface();
        assertEquals(TestKeys.key(1), i.privateKey().orElseThrow());
        assertEquals(OptionalInt.of(51820), i.listenPort());
        assertEquals(0x1234, i.fwMark());
        assertEquals(List.of(InterfaceAddress.parse("10.0.0.1/24"), InterfaceAddress.parse("fd00::1/64"),
                InterfaceAddress.parse("10.9.0.1/32")), i.addresses());
        assertEquals(List.of(InetAddress.getByName("10.0.0.53"), InetAddress.getByName("fd00::53")), i.dnsServers());
        assertEquals(List.of("corp.example"), i.dnsSearchDomains());
        assertEquals(OptionalInt.of(1420), i.mtu());
        assertEquals("off", i.table().orElseThrow());
        assertEquals(List.of("echo pre"), i.preUp());
        assertEquals(List.of("iptables -A FORWARD -i %i -j ACCEPT", "echo second"), i.postUp());
        assertEquals(List.of("echo down"), i.preDown());
        assertEquals(List.of("echo gone"), i.postDown());
        assertTrue(i.saveConfig());

        assertEquals(2, c.peers().size());
        PeerConfig a = c.peers().get(0);
        assertEquals(TestKeys.key(2), a.publicKey());
        assertEquals(TestKeys.key(4), a.presharedKey().orElseThrow());
        assertEquals(List.of(Prefix.parse("10.1.0.0/16"), Prefix.parse("10.2.0.0/16"), Prefix.parse("fd01::/48")),
                a.allowedIps());
        assertEquals(Endpoint.parse("[fd00::2]:51820"), a.endpoint().orElseThrow());
        assertEquals(25, a.persistentKeepalive());
        PeerConfig b = c.peers().get(1);
        assertEquals(TestKeys.key(3), b.publicKey());
        assertTrue(b.presharedKey().isEmpty());
        assertTrue(b.allowedIps().isEmpty());
        assertEquals("vpn.example.com", b.endpoint().orElseThrow().host());
        assertEquals(0, b.persistentKeepalive());

        KeyrouteOptions k = c.keyroute();
        assertEquals(List.of(254, 100, 255), k.tables());
        assertEquals(KeyrouteOptions.SourceCheck.OFF, k.sourceCheck());
        assertEquals(KeyrouteOptions.Multicast.OFF, k.multicast());
        assertEquals(Endpoint.parse("[::1]:9100"), k.metricsAddress().orElseThrow());
        assertEquals(Path.of("/run/kr/wg0.sock"), k.controlSocket("wg0"));
    }

    @Test
    void shouldApplyKeyrouteDefaultsWhenSectionIsAbsent() throws Exception {
        WgConfig c = parse("[Interface]\nPrivateKey = " + PRIV + "\n");
        KeyrouteOptions k = c.keyroute();
        assertEquals(List.of(254), k.tables());
        assertEquals(KeyrouteOptions.SourceCheck.STRICT, k.sourceCheck());
        assertEquals(KeyrouteOptions.Multicast.FANOUT, k.multicast());
        assertEquals(Endpoint.parse("127.0.0.1:9586"), k.metricsAddress().orElseThrow());
        assertEquals(Path.of("/run/keyroute/wg0.sock"), k.controlSocket("wg0"));
        assertTrue(k.isDefault());
        assertFalse(c.hasWgQuickSettings());
    }

    @Test
    void shouldTurnMetricsOffAndMapTableNames() throws Exception {
        WgConfig c = parse("[Interface]\n[keyroute]\nMetricsAddress = off\nTables = default,4294967295,main,254\n");
        assertTrue(c.keyroute().metricsAddress().isEmpty());
        assertEquals(List.of(253, -1, 254), c.keyroute().tables());
    }

    @Test
    void shouldAcceptFwMarkOffAndDecimal() throws Exception {
        assertEquals(0, parse("[Interface]\nFwMark = off\n").iface().fwMark());
        assertEquals(51820, parse("[Interface]\nFwMark = 51820\n").iface().fwMark());
        assertEquals(0xffffffff, parse("[Interface]\nFwMark = 0xFFFFFFFF\n").iface().fwMark());
    }

    @Test
    void shouldAcceptEmptyAllowedIpsAndCrlfLineEndsAndByteOrderMark() throws Exception {
        WgConfig c = parse("\uFEFF[Interface]\r\nListenPort = 0\r\n[Peer]\r\nPublicKey = " + PUB_A
                + "\r\nAllowedIPs =\r\n");
        assertEquals(OptionalInt.of(0), c.iface().listenPort());
        assertTrue(c.peers().get(0).allowedIps().isEmpty());
    }

    @Test
    void shouldCanonicaliseAndDeduplicateAllowedIps() throws Exception {
        WgConfig c = parse("[Interface]\n[Peer]\nPublicKey = " + PUB_A
                + "\nAllowedIPs = 10.1.2.3/8, fd00::1/64, 10.0.0.0/8\nAllowedIPs = fd00::/64, 192.168.1.7\n");
        assertEquals(List.of(Prefix.parse("10.0.0.0/8"), Prefix.parse("fd00::/64"), Prefix.parse("192.168.1.7/32")),
                c.peers().get(0).allowedIps());
        assertEquals("[10.0.0.0/8, fd00::/64, 192.168.1.7/32]", c.peers().get(0).allowedIps().toString());
    }

    @Test
    void shouldKeepHostBitsOfInterfaceAddresses() throws Exception {
        WgConfig c = parse("[Interface]\nAddress = 10.0.0.1/24, fd00::1/64, 10.0.0.9\n");
        assertEquals("[10.0.0.1/24, fd00::1/64, 10.0.0.9/32]", c.iface().addresses().toString());
        assertEquals(Prefix.parse("10.0.0.0/24"), c.iface().addresses().get(0).prefix());
    }

    @Test
    void shouldReadFileByPathAndNameItInErrors(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("wg7.conf");
        Files.writeString(f, "[Interface]\nListenPort = 1\n");
        assertEquals(OptionalInt.of(1), ConfigParser.parse(f).iface().listenPort());
        assertEquals("wg7", InterfaceName.fromConfigPath(f));
        Files.writeString(f, "[Interface]\nListenPort = x\n");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigParser.parse(f));
        assertEquals(f.toString(), e.file());
        assertEquals(f + ":2: [Interface] ListenPort: invalid number 'x'", e.getMessage());
    }

    @Test
    void shouldParseSetconfSubsetInSetconfDialect() throws Exception {
        String text = "[Interface]\nPrivateKey = " + PRIV + "\nListenPort = 9\nFwMark = 7\n[Peer]\nPublicKey = "
                + PUB_A + "\nAllowedIPs = 10.0.0.2/32\nEndpoint = 192.0.2.1:51820\n";
        WgConfig c = ConfigParser.parse("wg0.conf", new StringReader(text), ConfigParser.Dialect.SETCONF);
        assertEquals(7, c.iface().fwMark());
        assertEquals(1, c.peers().size());
    }
}
