package dev.keyroute.it;

import java.util.Map;

/** The reference engine: {@code wireguard-go -f <if>} in a namespace, configured with the stock tools. */
public final class WireguardGoPeer implements WgDevice {
    public static final String BINARY = "wireguard-go";

    private final Netns ns;
    private final String ifname;
    private final EngineProcess process;

    private WireguardGoPeer(Netns ns, String ifname, EngineProcess process) {
        this.ns = ns;
        this.ifname = ifname;
        this.process = process;
    }

    /** Starts wireguard-go and waits for its UAPI socket; the link is down and unconfigured. */
    public static WireguardGoPeer start(Netns ns, String ifname) {
        EngineProcess p = EngineProcess.start(ns, ifname, BINARY,
                Map.of("WG_PROCESS_FOREGROUND", "1", "LOG_LEVEL", "verbose"), BINARY, "-f", ifname);
        WireguardGoPeer peer = new WireguardGoPeer(ns, ifname, p);
        try {
            p.awaitSocket();
        } catch (RuntimeException | AssertionError e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    /** Starts wireguard-go, applies {@code config} with {@code wg setconf} and {@code ip}, link up. */
    public static WireguardGoPeer start(Netns ns, String ifname, WgConfig config) {
        WireguardGoPeer peer = start(ns, ifname);
        try {
            WgTool.apply(peer, config);
        } catch (RuntimeException | AssertionError e) {
            peer.close();
            throw e;
        }
        return peer;
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
        return BINARY;
    }

    @Override
    public int terminate() {
        return process.terminate(java.time.Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return BINARY + " " + ifname + " in " + ns;
    }
}
