package dev.keyroute.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * babeld 1.12 on one keyrouted interface per node ({@link BabelMesh}): the mesh converges, reroutes
 * around a cut underlay link through the third node and moves back (issue 6). The per-interface
 * settings are those of docs/examples/babeld.conf, with short timers.
 */
@RequiresRoot
class BabeldMeshIT {
    @Test
    void shouldMeshThreeNodesOverOneInterfaceEachAndRerouteAroundCutLinkWithBabeld() {
        try (BabelMesh mesh = new BabelMesh()) {
            new BabelMeshScenario("babeld", mesh).run(BabeldMeshIT::startBabeld);
        }
    }

    static void startBabeld(BabelMesh mesh) {
        for (int i = 0; i < BabelMesh.NODES; i++) {
            Path dir = Logs.dir().resolve("babeld-" + mesh.ifname(i));
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("babeld.conf"), config(mesh.ifname(i), i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            mesh.ns.get(i).spawn("babeld", "-I", dir.resolve("babeld.pid").toString(), "-S",
                    dir.resolve("babeld.state").toString(), "-c", dir.resolve("babeld.conf").toString());
        }
    }

    /** docs/examples/babeld.conf with 1 s hellos and no RTT measurement, so no RTT penalty (a loaded test VM must not flap). */
    static String config(String ifname, int node) {
        return "interface " + ifname + " type tunnel split-horizon false hello-interval 1 update-interval 4 enable-timestamps false\n"
                + "redistribute ip " + BabelMesh.lanPrefix4(node) + " allow\n"
                + "redistribute ip " + BabelMesh.lanPrefix6(node) + " allow\n"
                + "redistribute local deny\n"
                + "redistribute deny\n";
    }
}
