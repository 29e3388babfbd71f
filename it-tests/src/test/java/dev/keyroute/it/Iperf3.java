package dev.keyroute.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One iperf3 TCP measurement between two namespaces: a one-shot server and a JSON-reporting client. */
public final class Iperf3 {
    public static final int PORT = 5201;

    private Iperf3() {
    }

    /**
     * Runs {@code iperf3 -s -1} bound to {@code serverAddress} in {@code serverNs}, waits until it
     * listens, then {@code iperf3 -c serverAddress -t seconds -P streams -J} (with {@code -R} when
     * {@code reverse}, so the server sends) in {@code clientNs}.
     */
    public static Iperf3Result tcp(Netns serverNs, String serverAddress, Netns clientNs, int seconds, int streams,
                                   boolean reverse) {
        Process server = serverNs.spawn("iperf3", "-s", "-1", "-B", serverAddress, "-p", Integer.toString(PORT));
        try {
            Sleep.await(Duration.ofSeconds(10), () -> listening(serverNs) || !server.isAlive(),
                    () -> "iperf3 server listening on " + serverAddress + ":" + PORT + " in " + serverNs);
            if (!server.isAlive()) {
                throw new AssertionError("iperf3 server in " + serverNs + " exited with " + server.exitValue());
            }
            List<String> cmd = new ArrayList<>(List.of("iperf3", "-c", serverAddress, "-p", Integer.toString(PORT),
                    "-t", Integer.toString(seconds), "-P", Integer.toString(streams), "-J"));
            if (reverse) {
                cmd.add("-R");
            }
            String json = clientNs.exec(Duration.ofSeconds(seconds + 30L), cmd.toArray(String[]::new));
            return Iperf3Result.parse(json);
        } finally {
            Netns.stop(server);
        }
    }

    private static boolean listening(Netns ns) {
        return !ns.exec("ss", "-H", "-l", "-t", "-n", "sport = :" + PORT).isBlank();
    }
}
