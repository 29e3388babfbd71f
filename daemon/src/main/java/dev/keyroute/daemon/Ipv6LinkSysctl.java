package dev.keyroute.daemon;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.logging.Logger;

/**
 * Per-interface IPv6 sysctls of a keyroute interface. The kernel would give a fresh TUN device a
 * link-local address of its own (EUI-64 or stable-privacy) when it first comes up; on a keyroute
 * interface the only meaningful link-local address is {@code LL(own key)} (DESIGN §3), because peers
 * accept link-local sources only when they are the sender's key-derived address. A second one would
 * be picked by Babel, OSPFv3 or MLD as a source and every packet from it dropped by the peers. So
 * automatic link-local generation is switched off ({@code addr_gen_mode = 1}, "none") before the
 * link goes up.
 */
final class Ipv6LinkSysctl {
    private static final Logger LOG = Logger.getLogger(Ipv6LinkSysctl.class.getName());
    /** {@code IN6_ADDR_GEN_MODE_NONE}: no automatic link-local address. */
    static final String ADDR_GEN_MODE_NONE = "1";
    private static final Path CONF = Path.of("/proc/sys/net/ipv6/conf");

    private Ipv6LinkSysctl() {
    }

    /** Best effort: without IPv6 (no such sysctl) there is nothing to switch off. */
    static void disableAutomaticLinkLocal(String ifname) {
        Path p = CONF.resolve(ifname).resolve("addr_gen_mode");
        try {
            Files.writeString(p, ADDR_GEN_MODE_NONE);
        } catch (NoSuchFileException e) {
            LOG.fine("no IPv6 on " + ifname + ": " + p + " missing");
        } catch (IOException e) {
            LOG.warning("cannot switch off automatic link-local addresses on " + ifname + ": " + e.getMessage());
        }
    }
}
