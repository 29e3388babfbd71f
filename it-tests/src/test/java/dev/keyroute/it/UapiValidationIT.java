package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input over the UAPI socket is refused and leaves the device as it was. Run against
 * wireguard-go too: it is the reference for what the {@code wg} tool and the socket must do.
 *
 * <p>An out-of-range port can only be tested over the raw socket: {@code wg set IF listen-port 70000}
 * succeeds, because the tool resolves the port with getaddrinfo, which wraps it to 4464 before
 * anything reaches the daemon (wireguard-tools v1.0.20210914, glibc; wireguard-go behaves the same).
 */
@RequiresRoot
class UapiValidationIT {
    private Netns ns;
    private WgDevice device;
    private WgDump before;

    @BeforeEach
    void createNamespace() {
        ns = Netns.create();
    }

    @AfterEach
    void cleanUp() {
        try {
            if (device != null) {
                device.close();
            }
        } finally {
            ns.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void shouldRefuseMalformedPeerKeyFromWgTool(Engine engine) {
        startConfigured(engine);
        assertThrows(CommandFailedException.class,
                () -> device.wg("set", device.ifname(), "peer", "not-a-key", "allowed-ips", "10.8.0.0/24"));
        assertEquals(before, device.dump(), "state after a refused wg set");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void shouldAnswerErrnoForOutOfRangeListenPortOverRawUapi(Engine engine) {
        startConfigured(engine);
        for (String port : new String[] {"70000", "65536", "-1", "port"}) {
            assertNotEquals(0, Uapi.set(device.ifname(), "listen_port=" + port), "errno for listen_port=" + port);
        }
        assertEquals(before, device.dump(), "state after refused sets");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void shouldAnswerErrnoForMalformedPublicKeyOverRawUapi(Engine engine) {
        startConfigured(engine);
        assertNotEquals(0, Uapi.set(device.ifname(), "public_key=" + "zz".repeat(32)), "errno for non-hex key");
        assertNotEquals(0, Uapi.set(device.ifname(), "public_key=" + "ab".repeat(31)), "errno for 31-byte key");
        assertEquals(before, device.dump(), "state after refused sets");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void shouldAnswerErrnoForUnknownKeyOverRawUapi(Engine engine) {
        startConfigured(engine);
        assertNotEquals(0, Uapi.set(device.ifname(), "no_such_key=1"), "errno for an unknown key");
        assertEquals(before, device.dump(), "state after a refused set");
    }

    /** A device with a key, a port and one peer, so "unchanged" means something; records {@link #before}. */
    private void startConfigured(Engine engine) {
        device = engine.start(ns, Names.ifname());
        KeyPair own = Keys.generate();
        KeyPair peer = Keys.generate();
        try (SecretFile key = SecretFile.write(device.ifname() + ".key", own.privateKey() + "\n")) {
            device.wg("set", device.ifname(), "private-key", key.path().toString(), "listen-port", "51821",
                    "peer", peer.publicKey(), "allowed-ips", "10.9.0.0/24");
        }
        before = device.dump();
        assertEquals(own.publicKey(), before.publicKey(), "set-up applied");
        assertEquals(1, before.peers().size(), "set-up applied: " + before);
    }
}
