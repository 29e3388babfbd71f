package dev.keyroute.daemon.cli;

import dev.keyroute.netlink.KernelRtnl;
import dev.keyroute.netlink.NetlinkException;
import dev.keyroute.netlink.RouteRequest;
import dev.keyroute.netlink.spec.Errno;
import dev.keyroute.wgcore.noise.LinkLocal;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code keyroute route add|replace|del <prefix> via-wgpeer <pubkey> dev <if> [table N] [metric N]}:
 * installs the kernel route {@code <prefix> via [inet6] LL(pubkey) dev <if>} through rtnetlink,
 * exactly what {@code ip route} would install, so keyrouted follows it like any other route.
 * Exit codes: 0 done, 1 the kernel refused (unknown device, route exists / missing), 2 malformed input.
 */
@Command(name = "route", description = "Add, replace or delete a kernel route whose next hop is a WireGuard peer.")
final class RouteCommand implements Callable<Integer> {
    @Parameters(paramLabel = "WORDS", arity = "0..*",
            description = "add|replace|del PREFIX via-wgpeer PUBKEY dev IFNAME [table N] [metric N]")
    List<String> words = List.of();

    private final PrintStream out;
    private final PrintStream err;

    RouteCommand() {
        this(System.out, System.err);
    }

    RouteCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        RouteArgs args;
        try {
            args = RouteArgs.parse(words);
        } catch (RouteArgs.UsageException e) {
            err.println("keyroute route: " + e.getMessage());
            err.println(RouteArgs.USAGE);
            return 2;
        }
        try (KernelRtnl rtnl = KernelRtnl.open()) {
            int ifindex;
            try {
                ifindex = rtnl.linkIndex(args.device());
            } catch (NetlinkException e) {
                err.println("keyroute route: no such device '" + args.device() + "'");
                return 1;
            }
            if (!Files.exists(Path.of("/var/run/wireguard", args.device() + ".sock"))) {
                err.println("keyroute route: warning: " + args.device() + " has no WireGuard UAPI socket;"
                        + " no keyroute daemon will follow this route");
            }
            RouteRequest req = args.toRequest(ifindex);
            switch (args.action()) {
                case ADD -> rtnl.addRoute(req);
                case REPLACE -> rtnl.replaceRoute(req);
                case DEL -> rtnl.deleteRoute(req);
            }
            out.println((args.action() == RouteArgs.Action.DEL ? "deleted " : "installed ") + args.prefix()
                    + " via " + LinkLocal.text(args.peer()) + " dev " + args.device()
                    + " table " + Integer.toUnsignedString(args.table())
                    + (args.metric() == RouteRequest.UNSET ? "" : " metric " + args.metric()));
            return 0;
        } catch (NetlinkException e) {
            err.println("keyroute route: " + explain(e, args));
            return 1;
        }
    }

    private static String explain(NetlinkException e, RouteArgs args) {
        return switch (e.errno()) {
            case Errno.EEXIST -> "route " + args.prefix() + " already exists (use 'replace')";
            case Errno.ESRCH -> "no route " + args.prefix() + " via that peer on " + args.device();
            case Errno.ENODEV -> "no such device '" + args.device() + "'";
            case Errno.EPERM, Errno.EACCES -> "permission denied (run as root)";
            default -> e.getMessage();
        };
    }
}
