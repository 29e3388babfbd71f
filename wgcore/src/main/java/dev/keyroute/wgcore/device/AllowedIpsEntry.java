package dev.keyroute.wgcore.device;

/**
 * One AllowedIPs entry as a layer holds it: the target (a peer or a multipath peer set), the layer
 * it comes from, and for route entries the kernel metadata ({@link RouteInfo#NONE} otherwise).
 * Two entries are equal when target (by identity), source and metadata are equal.
 */
public record AllowedIpsEntry(Target target, EntrySource source, RouteInfo route) {
    public AllowedIpsEntry {
        if (target == null || source == null || route == null) {
            throw new NullPointerException("entry fields must not be null");
        }
    }
}
