package dev.keyroute.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * BIRD 2's {@code protocol babel} on one keyrouted interface per node ({@link BabelMesh}): the same
 * proof as {@link BabeldMeshIT}. Settings as docs/examples/bird.conf, with short timers.
 */
@RequiresRoot
class BirdBabelMeshIT {
    @Test
    void shouldMeshThreeNodesOverOneInterfaceEachAndRerouteAroundCutLinkWithBirdBabel() {
        try (BabelMesh mesh = new BabelMesh()) {
            new BabelMeshScenario("bird", mesh).run(BirdBabelMeshIT::startBird);
        }
    }

    static void startBird(BabelMesh mesh) {
        for (int i = 0; i < BabelMesh.NODES; i++) {
            Path dir = Logs.dir().resolve("bird-babel-" + mesh.ifname(i));
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("bird.conf"), config(mesh.ifname(i), i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            mesh.ns.get(i).spawn("bird", "-f", "-c", dir.resolve("bird.conf").toString(), "-s",
                    dir.resolve("bird.ctl").toString(), "-P", dir.resolve("bird.pid").toString());
        }
    }

    /** docs/examples/bird.conf with 1 s hellos; the LAN is the "lan" veth of each node. */
    static String config(String ifname, int node) {
        return "router id " + BabelMesh.tunnel4(node) + ";\n"
                + "protocol device { scan time 1; }\n"
                + "protocol direct { ipv4; ipv6; interface \"lan\"; }\n"
                + "protocol kernel { ipv4 { import none; export where source = RTS_BABEL; }; }\n"
                + "protocol kernel { ipv6 { import none; export where source = RTS_BABEL; }; }\n"
                + "protocol babel {\n"
                + "  interface \"" + ifname + "\" { type wired; hello interval 1 s; update interval 4 s; };\n"
                + "  ipv4 { import all; export where source = RTS_DEVICE || source = RTS_BABEL; };\n"
                + "  ipv6 { import all; export where source = RTS_DEVICE || source = RTS_BABEL; };\n"
                + "}\n";
    }
}
