package dev.keyroute.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * keyroute's engine: {@code bin/keyrouted -f <if> [--config FILE]} in a namespace. Its stderr and
 * stdout go to {@code target/it-logs/<if>-keyrouted.log}.
 */
public final class KeyroutedPeer implements WgDevice {
    public static final String ENGINE = "keyrouted";

    private final Netns ns;
    private final String ifname;
    private final EngineProcess process;
    private final SecretFile configFile;

    private KeyroutedPeer(Netns ns, String ifname, EngineProcess process, SecretFile configFile) {
        this.ns = ns;
        this.ifname = ifname;
        this.process = process;
        this.configFile = configFile;
    }

    /** Starts keyrouted without a config and waits for its UAPI socket; the link stays down and unconfigured. */
    public static KeyroutedPeer start(Netns ns, String ifname) {
        EngineProcess p = EngineProcess.start(ns, ifname, ENGINE, env(), Repo.keyrouted().toString(), "-f", ifname);
        KeyroutedPeer peer = new KeyroutedPeer(ns, ifname, p, null);
        try {
            p.awaitSocket();
        } catch (RuntimeException | AssertionError e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** Starts keyrouted with {@code --config} (a wg-quick file) and waits for the socket and the link to be up. */
    public static KeyroutedPeer start(Netns ns, String ifname, WgConfig config) {
        return start(ns, ifname, config, new String[0]);
    }

    /** As {@link #start(Netns, String, WgConfig)} with extra command-line options (e.g. {@code --metrics-address}). */
    public static KeyroutedPeer start(Netns ns, String ifname, WgConfig config, String... extraArgs) {
        SecretFile conf = SecretFile.write(ifname + ".conf", config.toWgQuick());
        EngineProcess p;
        try {
            java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(Repo.keyrouted().toString(), "-f",
                    ifname, "--config", conf.path().toString()));
            cmd.addAll(java.util.List.of(extraArgs));
            p = EngineProcess.start(ns, ifname, ENGINE, env(), cmd.toArray(String[]::new));
        } catch (RuntimeException | AssertionError e) {
            conf.close();
            throw e;
        }
        KeyroutedPeer peer = new KeyroutedPeer(ns, ifname, p, conf);
        try {
            p.awaitSocket();
            p.awaitLinkUp();
        } catch (RuntimeException | AssertionError e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** The launcher needs Java 25; hand it the JVM running the tests. */
    static Map<String, String> env() {
        return Map.of("JAVA_HOME", System.getProperty("java.home"));
    }

    @Override
    public Netns ns() {
        return ns;
    }

    @Override
    public String ifname() {
        return ifname;
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    public Path log() {
        return process.log();
    }

    @Override
    public int terminate() {
        return process.terminate(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        try {
            process.close();
        } finally {
            if (configFile != null) {
                configFile.close();
            }
        }
    }

    @Override
    public String toString() {
        return ENGINE + " " + ifname + " in " + ns + " (log " + process.log() + ")";
    }
}
