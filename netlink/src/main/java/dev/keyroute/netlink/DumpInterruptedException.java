package dev.keyroute.netlink;

import dev.keyroute.netlink.spec.Errno;

/**
 * A dump stayed inconsistent (NLM_F_DUMP_INTR) after the allowed number of attempts: the object
 * set kept changing while it was being read. Callers retry later or treat it like an overrun.
 */
public final class DumpInterruptedException extends NetlinkException {
    public DumpInterruptedException(String operation, int attempts) {
        super(operation + " interrupted " + attempts + " times", Errno.EINTR, null);
    }
}
