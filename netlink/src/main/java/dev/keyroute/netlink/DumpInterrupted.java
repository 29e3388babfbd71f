package dev.keyroute.netlink;

/**
 * A message carried NLM_F_DUMP_INTR: the object set changed during a dump, so the dump is not a
 * consistent snapshot. The consumer must re-dump.
 *
 * @param nlType nlmsg_type of the message that carried the flag
 */
public record DumpInterrupted(int nlType) implements RtnlEvent {
    @Override
    public boolean requiresResync() {
        return true;
    }
}
