package dev.keyroute.daemon.notify;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.device.AllowedIpsEntry;
import dev.keyroute.wgcore.device.Peer;
import dev.keyroute.wgcore.device.PeerSet;
import dev.keyroute.wgcore.device.RouteInfo;
import dev.keyroute.wgcore.device.Target;

/**
 * Renders events as the control socket's {@code key=value} tokens (docs/CONTROL.md). Values never
 * contain spaces: free text is passed through {@link #token}.
 */
final class EventText {
    private EventText() {
    }

    /** {@code prefix=P peer=K[,K...] source=S [table=T] [protocol=P] [metric=M]}. */
    static void entry(StringBuilder sb, Prefix prefix, AllowedIpsEntry e) {
        prefix.appendTo(sb.append("prefix=")).append(" peer=");
        target(sb, e.target());
        sb.append(" source=").append(e.source().label());
        RouteInfo r = e.route();
        if (r.table() != RouteInfo.UNKNOWN) {
            sb.append(" table=").append(Integer.toUnsignedString(r.table()));
        }
        if (r.protocol() != RouteInfo.UNKNOWN) {
            sb.append(" protocol=").append(r.protocol());
        }
        if (r.metric() != RouteInfo.UNKNOWN) {
            sb.append(" metric=").append(Integer.toUnsignedString(r.metric()));
        }
    }

    static void target(StringBuilder sb, Target t) {
        if (t instanceof Peer p) {
            sb.append(p.publicKeyBase64());
        } else if (t instanceof PeerSet set) {
            boolean first = true;
            for (Peer p : set.peers()) {
                if (!first) {
                    sb.append(',');
                }
                sb.append(p.publicKeyBase64());
                first = false;
            }
        } else {
            sb.append('?');
        }
    }

    /** One space-free token: whitespace becomes {@code _}, empty becomes {@code -}. */
    static String token(String text) {
        if (text == null || text.isEmpty()) {
            return "-";
        }
        return text.replaceAll("\\s", "_");
    }
}
