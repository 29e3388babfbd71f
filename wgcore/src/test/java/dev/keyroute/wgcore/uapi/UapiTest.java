package dev.keyroute.wgcore.uapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.noise.StaticIdentity;
import dev.keyroute.wgcore.testing.FakeNetwork;
import dev.keyroute.wgcore.testing.FakeTun;
import dev.keyroute.wgcore.testing.ManualClock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UapiTest {
    private final FakeNetwork net = new FakeNetwork();
    private Device device;
    private Uapi uapi;
    private final Key priv = StaticIdentity.generatePrivate();
    private final Key peer1 = StaticIdentity.derivePublic(StaticIdentity.generatePrivate());
    private final Key peer2 = StaticIdentity.derivePublic(StaticIdentity.generatePrivate());

    @BeforeEach
    void setUp() throws Exception {
        device = new Device(new FakeTun("wgt", 1420), net.newBind(), new ManualClock(), true);
        device.start();
        uapi = new Uapi(device);
    }

    @AfterEach
    void tearDown() {
        device.close();
    }

    private void set(String... lines) throws UapiException {
        uapi.set(Arrays.asList(lines));
    }

    private List<String> get() {
        return Arrays.asList(uapi.get().split("\n"));
    }

    @Test
    void shouldReportWhatWasSetInWgToolFormat() throws Exception {
        set("private_key=" + priv.toHex(), "listen_port=51999", "fwmark=42",
                "public_key=" + peer1.toHex(), "endpoint=192.0.2.7:51820", "persistent_keepalive_interval=25",
                "replace_allowed_ips=true", "allowed_ip=10.1.2.3/24", "allowed_ip=fd00::1/64");
        List<String> g = get();
        assertEquals("private_key=" + priv.toHex(), g.get(0));
        assertTrue(g.contains("listen_port=51999"));
        assertTrue(g.contains("fwmark=42"));
        assertTrue(g.contains("public_key=" + peer1.toHex()));
        assertTrue(g.contains("preshared_key=" + "0".repeat(64)));
        assertTrue(g.contains("protocol_version=1"));
        assertTrue(g.contains("endpoint=192.0.2.7:51820"));
        assertTrue(g.contains("persistent_keepalive_interval=25"));
        assertTrue(g.contains("allowed_ip=10.1.2.0/24"), "canonicalised: " + g);
        assertTrue(g.contains("allowed_ip=fd00::/64"));
        assertTrue(g.contains("last_handshake_time_sec=0"));
        assertTrue(g.contains("rx_bytes=0") && g.contains("tx_bytes=0"));
    }

    @Test
    void shouldRemoveOnePrefixWithMinusSyntaxAndKeepTheRest() throws Exception {
        set("public_key=" + peer1.toHex(), "allowed_ip=10.0.0.0/24", "allowed_ip=10.0.1.0/24");
        set("public_key=" + peer1.toHex(), "allowed_ip=-10.0.0.0/24");
        List<String> g = get();
        assertFalse(g.contains("allowed_ip=10.0.0.0/24"));
        assertTrue(g.contains("allowed_ip=10.0.1.0/24"));
    }

    @Test
    void shouldMovePrefixToLastPeerThatClaimsIt() throws Exception {
        set("public_key=" + peer1.toHex(), "allowed_ip=10.0.0.0/24");
        set("public_key=" + peer2.toHex(), "allowed_ip=10.0.0.0/24");
        assertEquals(List.of(), device.allowedIps().staticOf(device.peer(peer1)));
        assertEquals(1, device.allowedIps().staticOf(device.peer(peer2)).size());
    }

    @Test
    void shouldReplaceAllowedIpsAndPeersWhenAsked() throws Exception {
        set("public_key=" + peer1.toHex(), "allowed_ip=10.0.0.0/24", "public_key=" + peer2.toHex());
        set("public_key=" + peer1.toHex(), "replace_allowed_ips=true", "allowed_ip=10.9.0.0/16");
        assertEquals("[10.9.0.0/16]", device.allowedIps().staticOf(device.peer(peer1)).toString());
        set("replace_peers=true", "public_key=" + peer2.toHex());
        assertEquals(1, device.peers().size());
        assertEquals(peer2, device.peers().get(0).publicKey());
    }

    @Test
    void shouldRemovePeerAndHonourUpdateOnly() throws Exception {
        set("public_key=" + peer1.toHex(), "allowed_ip=10.0.0.0/24");
        set("public_key=" + peer2.toHex(), "update_only=true", "allowed_ip=10.1.0.0/24");
        assertEquals(1, device.peers().size());
        set("public_key=" + peer1.toHex(), "remove=true");
        assertEquals(0, device.peers().size());
        assertEquals(0, device.allowedIps().size());
    }

    @Test
    void shouldRefuseBadInputAndLeaveStateUnchanged() throws Exception {
        set("private_key=" + priv.toHex(), "listen_port=51998", "public_key=" + peer1.toHex(), "allowed_ip=10.0.0.0/24");
        String before = uapi.get();
        String[][] bad = {
            {"listen_port=70000"},
            {"listen_port=-1"},
            {"bogus=1"},
            {"private_key=zz"},
            {"public_key=" + peer2.toHex(), "allowed_ip=10.0.0.0/33"},
            {"public_key=" + peer2.toHex(), "allowed_ip=10.0.0.0"},
            {"public_key=" + peer2.toHex(), "endpoint=nohost"},
            {"public_key=" + peer2.toHex(), "endpoint=1.2.3.4:0"},
            {"public_key=" + peer2.toHex(), "persistent_keepalive_interval=65536"},
            {"public_key=" + peer2.toHex(), "remove=maybe"},
            {"public_key=" + peer2.toHex(), "listen_port=1"},
            {"public_key=" + peer2.toHex(), "protocol_version=2"},
            {"public_key=" + peer2.toHex(), "allowed_ip=10.5.0.0/16", "no_equals_sign"},
        };
        for (String[] req : bad) {
            UapiException e = assertThrows(UapiException.class, () -> set(req), Arrays.toString(req));
            assertTrue(e.errno() == UapiException.EINVAL || e.errno() == UapiException.EPROTO);
            assertEquals(before, uapi.get(), "state changed by " + Arrays.toString(req));
        }
    }

    @Test
    void shouldParseIpv6EndpointsInBrackets() throws Exception {
        set("public_key=" + peer1.toHex(), "endpoint=[fd00::7]:51820");
        assertTrue(get().contains("endpoint=[fd00::7]:51820"));
    }

    @Test
    void shouldClearPrivateKeyWithZeroKey() throws Exception {
        set("private_key=" + priv.toHex());
        set("private_key=" + "0".repeat(64));
        assertFalse(uapi.get().contains("private_key="));
    }

    @Test
    void shouldIgnorePeerWithOurOwnPublicKey() throws Exception {
        set("private_key=" + priv.toHex(), "public_key=" + StaticIdentity.derivePublic(priv).toHex());
        assertEquals(0, device.peers().size());
    }
}
