package dev.keyroute.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuilderValidationTest {
    @Test
    void shouldRejectOutOfRangeInterfaceValues() {
        InterfaceConfig.Builder b = InterfaceConfig.builder();
        assertThrows(IllegalArgumentException.class, () -> b.setListenPort(65536));
        assertThrows(IllegalArgumentException.class, () -> b.setListenPort(-1));
        assertThrows(IllegalArgumentException.class, () -> b.setMtu(67));
        assertThrows(IllegalArgumentException.class, () -> b.setTable("a#b"));
        assertThrows(IllegalArgumentException.class, () -> b.addPostUp("echo # comment"));
        assertThrows(IllegalArgumentException.class, () -> b.addPostUp("echo\nrm"));
        assertThrows(IllegalArgumentException.class, () -> b.addPreUp("   "));
        assertThrows(IllegalArgumentException.class, () -> b.addDnsSearchDomain("10.0.0.1"));
        assertThrows(IllegalArgumentException.class, () -> b.addDnsSearchDomain("bad domain"));
    }

    @Test
    void shouldRejectPeerWithoutPublicKeyOrBadKeepalive() {
        assertThrows(IllegalStateException.class, () -> PeerConfig.builder().build());
        PeerConfig.Builder b = PeerConfig.builder(TestKeys.key(2));
        assertThrows(IllegalArgumentException.class, () -> b.setPersistentKeepalive(65536));
        assertThrows(IllegalArgumentException.class, () -> b.setPersistentKeepalive(-1));
    }

    @Test
    void shouldRejectDuplicatePeerInWgConfigBuilder() {
        PeerConfig a = PeerConfig.builder(TestKeys.key(2)).build();
        PeerConfig a2 = PeerConfig.builder(TestKeys.key(2)).setPersistentKeepalive(5).build();
        WgConfig.Builder b = WgConfig.builder().addPeer(a);
        assertThrows(IllegalArgumentException.class, () -> b.addPeer(a2));
    }

    @Test
    void shouldEditAllowedIpsLikeTheUapi() {
        PeerConfig p = PeerConfig.builder(TestKeys.key(2))
                .addAllowedIp(Prefix.parse("10.0.0.0/8"))
                .addAllowedIp(Prefix.parse("10.9.9.9/8"))
                .addAllowedIp(Prefix.parse("fd00::/64"))
                .build();
        assertEquals(List.of(Prefix.parse("10.0.0.0/8"), Prefix.parse("fd00::/64")), p.allowedIps());
        PeerConfig removed = p.toBuilder().removeAllowedIp(Prefix.parse("10.0.0.0/8")).build();
        assertEquals(List.of(Prefix.parse("fd00::/64")), removed.allowedIps());
        PeerConfig replaced = p.toBuilder().setAllowedIps(List.of(Prefix.parse("192.168.0.0/16"))).build();
        assertEquals(List.of(Prefix.parse("192.168.0.0/16")), replaced.allowedIps());
        assertEquals(p, p.toBuilder().build());
    }

    @Test
    void shouldValidateKeyrouteOptions() {
        KeyrouteOptions.Builder b = KeyrouteOptions.builder();
        assertThrows(IllegalArgumentException.class, () -> b.addTable(0));
        assertThrows(IllegalArgumentException.class, () -> b.setControlSocket("relative.sock"));
        assertThrows(IllegalArgumentException.class, () -> b.setControlSocket("/run/" + "x".repeat(110)));
        assertThrows(IllegalArgumentException.class, () -> b.setControlSocket("/run/a#b.sock"));
        assertThrows(IllegalArgumentException.class, () -> KeyrouteOptions.parseTable("mangle"));
        assertEquals(254, KeyrouteOptions.parseTable("MAIN"));
        assertEquals(-1, KeyrouteOptions.parseTable("4294967295"));
        assertEquals("4294967295", KeyrouteOptions.tableText(-1));
        assertThrows(IllegalArgumentException.class, () -> KeyrouteOptions.parseTable("4294967296"));
        KeyrouteOptions k = b.addTable(100).addTable(100).addTable(254).build();
        assertEquals(List.of(100, 254), k.tables());
        assertTrue(KeyrouteOptions.defaults().isDefault());
    }

    @Test
    void shouldDeriveControlSocketAndInterfaceNames() {
        assertEquals(Path.of("/run/keyroute/wg0.sock"), KeyrouteOptions.defaults().controlSocket("wg0"));
        assertThrows(IllegalArgumentException.class, () -> KeyrouteOptions.defaults().controlSocket("../etc"));
        assertEquals("wg-site_1", InterfaceName.fromConfigPath(Path.of("/etc/wireguard/wg-site_1.conf")));
        assertThrows(IllegalArgumentException.class,
                () -> InterfaceName.fromConfigPath(Path.of("/etc/wireguard/this-name-is-too-long.conf")));
        assertThrows(IllegalArgumentException.class, () -> InterfaceName.fromConfigPath(Path.of("wg0.txt")));
    }
}
