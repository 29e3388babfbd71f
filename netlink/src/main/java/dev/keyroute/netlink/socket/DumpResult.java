package dev.keyroute.netlink.socket;

import dev.keyroute.netlink.RtnlEvent;
import java.util.List;

/**
 * The messages of one dump.
 *
 * @param messages    decoded messages in kernel order
 * @param interrupted NLM_F_DUMP_INTR was set: not a consistent snapshot, dump again
 * @param malformed   messages rejected by the parser (so the dump is incomplete)
 */
public record DumpResult(List<RtnlEvent> messages, boolean interrupted, int malformed) {
    public DumpResult {
        messages = List.copyOf(messages);
    }

    /** The messages of one type, e.g. {@code ofType(RouteMessage.class)}. */
    public <T extends RtnlEvent> List<T> ofType(Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
