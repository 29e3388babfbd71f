package dev.keyroute.daemon.control;

import dev.keyroute.config.Key;
import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.device.Device;
import dev.keyroute.wgcore.device.Peer;
import java.util.concurrent.atomic.LongAdder;

/**
 * The control socket's incremental commands: {@code add <prefix> <pubkey>} and
 * {@code del <prefix> <pubkey>} on the table's api layer. Each returns {@code ok} or
 * {@code error <reason>}; a refused command changes nothing.
 */
public final class ControlCommands {
    private final Device device;
    private final LongAdder ok = new LongAdder();
    private final LongAdder errors = new LongAdder();

    public ControlCommands(Device device) {
        this.device = device;
    }

    /** Executes one command line (without {@code subscribe}, which the server handles). */
    public String execute(String line) {
        String reply = run(line.strip());
        if (reply.equals("ok")) {
            ok.increment();
        } else {
            errors.increment();
        }
        return reply;
    }

    private String run(String line) {
        String[] w = line.split("\\s+");
        if (line.isEmpty()) {
            return "error empty command";
        }
        boolean add = w[0].equals("add");
        if (!add && !w[0].equals("del")) {
            return "error unknown command";
        }
        if (w.length != 3) {
            return "error usage: " + w[0] + " <prefix> <public-key>";
        }
        Prefix prefix;
        try {
            prefix = Prefix.parse(w[1]);
        } catch (IllegalArgumentException e) {
            return "error bad prefix";
        }
        Key key;
        try {
            key = Key.fromBase64(w[2]);
        } catch (IllegalArgumentException e) {
            return "error bad public key";
        }
        synchronized (device) { // a peer removed concurrently must not get an entry afterwards
            Peer peer = device.peer(key);
            if (peer == null) {
                return "error unknown peer";
            }
            if (add) {
                device.allowedIps().addApi(peer, prefix);
                return "ok";
            }
            return device.allowedIps().removeApi(peer, prefix) ? "ok" : "error no such api entry";
        }
    }

    public long okCount() {
        return ok.sum();
    }

    public long errorCount() {
        return errors.sum();
    }
}
