package dev.keyroute.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installable package: built from the packaged daemon, complete, and runnable where installed. */
class PackageIT {
    @TempDir
    Path tmp;

    @Test
    void shouldBuildDebianPackageWhoseInstalledLaunchersRun() throws Exception {
        Path root = Repo.root();
        Repo.keyrouted(); // asserts the daemon is packaged
        String deb = Cmd.run(Duration.ofMinutes(2), java.util.Map.of(), java.util.List.of(root.resolve("packaging/build-deb.sh").toString(), tmp.toString())).strip();
        assertTrue(Files.isRegularFile(Path.of(deb)), deb);
        String listing = Cmd.run(Duration.ofSeconds(30), java.util.Map.of(), java.util.List.of("dpkg-deb", "-c", deb));
        for (String f : new String[] {"./usr/bin/keyrouted", "./usr/bin/keyroute", "./usr/share/keyroute/keyroute-daemon.jar",
                "./lib/systemd/system/keyrouted@.service", "./etc/keyroute/"}) {
            assertTrue(listing.contains(f), "package lacks " + f + ":\n" + listing);
        }
        assertTrue(Cmd.run(Duration.ofSeconds(30), java.util.Map.of(), java.util.List.of("dpkg-deb", "-f", deb, "Package")).contains("keyroute"));
        Path installRoot = tmp.resolve("root");
        Cmd.run(Duration.ofSeconds(60), java.util.Map.of(), java.util.List.of("dpkg-deb", "-x", deb, installRoot.toString()));
        String ll = Cmd.run(Duration.ofSeconds(60), java.util.Map.of(), java.util.List.of(installRoot.resolve("usr/bin/keyroute").toString(), "ll",
                "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=")).strip();
        assertEquals("fe80::31ea:e151:cff5:b8d2", ll);
    }
}
