package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Start-up and shutdown contract shared with wireguard-go: an unconfigured engine has a down,
 * key-less interface; the UAPI socket is root-only; SIGTERM or deleting the socket (what
 * {@code wg-quick down} does) removes socket and interface.
 */
@RequiresRoot
class EngineLifecycleIT {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void shouldStartWithLinkDownAndNoKeyWhenNotConfigured(Engine engine) {
        try (Netns ns = Netns.create(); WgDevice d = engine.start(ns, Names.ifname())) {
            assertTrue(IpLink.exists(ns, d.ifname()), "interface created");
            assertFalse(IpLink.isUp(ns, d.ifname()), "link stays down");
            WgDump dump = d.dump();
            assertEquals("(none)", dump.privateKey(), "no private key");
            assertEquals(0, dump.peers().size(), "no peers");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void shouldServeUapiSocketToRootOnly(Engine engine) throws IOException {
        try (Netns ns = Netns.create(); WgDevice d = engine.start(ns, Names.ifname())) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(Uapi.socket(d.ifname()));
            Set<PosixFilePermission> groupOrOther = EnumSet.of(
                    PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
            perms.retainAll(groupOrOther);
            assertEquals(Set.of(), perms, "group/other permissions on " + Uapi.socket(d.ifname()));
            assertEquals(0, Files.getAttribute(Uapi.socket(d.ifname()), "unix:uid"), "socket owner");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void shouldRemoveSocketAndInterfaceAndExitZeroOnSigterm(Engine engine) {
        try (Netns ns = Netns.create(); WgDevice d = engine.start(ns, Names.ifname())) {
            assertEquals(0, d.terminate(), "exit code after SIGTERM");
            assertFalse(Files.exists(Uapi.socket(d.ifname())), "socket removed");
            assertFalse(IpLink.exists(ns, d.ifname()), "interface removed");
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void shouldShutDownWhenUapiSocketIsDeleted(Engine engine) throws IOException {
        try (Netns ns = Netns.create(); WgDevice d = engine.start(ns, Names.ifname())) {
            Files.delete(Uapi.socket(d.ifname()));
            Sleep.await(Duration.ofSeconds(10), () -> !IpLink.exists(ns, d.ifname()),
                    () -> d + " to remove its interface after its socket was deleted");
        }
    }
}
