package dev.keyroute.it;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The proof run of issue 6, for any Babel implementation: start the routing daemons on the
 * {@link BabelMesh}, wait until every node reaches every other node's LAN prefix and shows it as a
 * route-derived AllowedIPs entry of the right peer; cut A↔B's underlay and wait until A and B
 * reroute through C (AllowedIPs move, traffic flows); bring the link back and wait until they move
 * back. Prints the measured times with a {@code [babel]} prefix.
 */
final class BabelMeshScenario {
    // babeld rates a link by the loss of its last 16 hellos (1 s each here) and adds hysteresis, so on a
    // loaded machine it may first pick a two-hop path and only settle on the direct one after ~35 s.
    static final Duration CONVERGE = Duration.ofSeconds(90);
    static final Duration REROUTE = Duration.ofSeconds(40);
    static final Duration RECOVER = Duration.ofSeconds(90);
    private static final int A = 0;
    private static final int B = 1;
    private static final int C = 2;

    private final String label;
    private final BabelMesh mesh;

    BabelMeshScenario(String label, BabelMesh mesh) {
        this.label = label;
        this.mesh = mesh;
    }

    void run(Consumer<BabelMesh> startDaemons) {
        long t0 = System.nanoTime();
        startDaemons.accept(mesh);
        Sleep.await(CONVERGE, this::fullyMeshed, () -> "every LAN prefix routed to its owner" + mesh.describe());
        long routesMs = sinceMs(t0);
        for (int from = 0; from < BabelMesh.NODES; from++) {
            for (int to = 0; to < BabelMesh.NODES; to++) {
                if (from != to) {
                    awaitPing(from, to, Duration.ofSeconds(10));
                }
            }
        }
        report("start to full mesh in AllowedIPs " + routesMs + " ms, every LAN reachable (v4+v6) " + sinceMs(t0) + " ms");

        long t1 = System.nanoTime();
        mesh.setUnderlay(A, B, false);
        Sleep.await(REROUTE, () -> mesh.lanRoutedVia(A, B, C) && mesh.lanRoutedVia(B, A, C),
                () -> "A and B to route each other's LAN via C after the cut" + mesh.describe());
        long movedMs = sinceMs(t1);
        awaitPing(A, B, Duration.ofSeconds(15));
        long pingMs = sinceMs(t1);
        if (!mesh.lanRoutedVia(A, C, C) || !mesh.lanRoutedVia(C, A, A)) {
            throw new AssertionError("A↔C must stay direct" + mesh.describe());
        }
        report("A-B underlay cut: AllowedIPs moved B->C on A (and A->C on B) in " + movedMs + " ms, A reaches B's LAN via C in "
                + pingMs + " ms");

        long t2 = System.nanoTime();
        mesh.setUnderlay(A, B, true);
        Sleep.await(RECOVER, () -> mesh.lanRoutedVia(A, B, B) && mesh.lanRoutedVia(B, A, A),
                () -> "A and B to route each other's LAN directly again" + mesh.describe());
        long backMs = sinceMs(t2);
        awaitPing(A, B, Duration.ofSeconds(10));
        report("A-B underlay back: AllowedIPs moved back in " + backMs + " ms, traffic direct in " + sinceMs(t2) + " ms");
    }

    private boolean fullyMeshed() {
        for (int at = 0; at < BabelMesh.NODES; at++) {
            for (int owner = 0; owner < BabelMesh.NODES; owner++) {
                if (at != owner && !mesh.lanRoutedVia(at, owner, owner)) {
                    return false;
                }
            }
        }
        return true;
    }

    private void awaitPing(int from, int to, Duration timeout) {
        Sleep.await(timeout, () -> mesh.pingLan(from, to, false) && mesh.pingLan(from, to, true),
                () -> "echo replies from " + BabelMesh.name(from) + "'s LAN to " + BabelMesh.name(to) + "'s LAN (v4 and v6)"
                        + mesh.describe());
    }

    private void report(String what) {
        System.out.println("[babel] " + label + ": " + what);
    }

    private static long sinceMs(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
