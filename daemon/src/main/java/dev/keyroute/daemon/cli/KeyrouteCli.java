package dev.keyroute.daemon.cli;

import dev.keyroute.config.Key;
import dev.keyroute.wgcore.noise.LinkLocal;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keyroute} — the command-line companion of keyrouted. */
@Command(name = "keyroute", mixinStandardHelpOptions = true, version = "keyroute 0.1.0",
        description = "keyroute command-line tool.",
        subcommands = {KeyrouteCli.Ll.class, RouteCommand.class, Monitor.class})
public final class KeyrouteCli implements Callable<Integer> {
    @Override
    public Integer call() {
        CommandLine.usage(this, System.out);
        return 0;
    }

    /** {@code keyroute ll <pubkey>}: the key-derived link-local address LL(P). */
    @Command(name = "ll", description = "Print the link-local address derived from a public key (LL(P)).")
    static final class Ll implements Callable<Integer> {
        @Parameters(paramLabel = "PUBKEY", description = "base64 public key")
        String key;

        @Override
        public Integer call() {
            Key k;
            try {
                k = Key.fromBase64(key);
            } catch (IllegalArgumentException e) {
                System.err.println("keyroute: invalid public key: " + e.getMessage());
                return 2;
            }
            System.out.println(LinkLocal.text(k));
            return 0;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new KeyrouteCli()).execute(args));
    }
}
