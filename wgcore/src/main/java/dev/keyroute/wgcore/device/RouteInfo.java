package dev.keyroute.wgcore.device;

/**
 * Where a route-layer entry came from in the kernel: routing table, protocol ({@code rtm_protocol})
 * and metric (priority). A field the caller does not know is {@link #UNKNOWN}. Callers keep and
 * reuse instances; the table stores the reference, so passing one costs no allocation.
 */
public record RouteInfo(int table, int protocol, int metric) {
    public static final int UNKNOWN = -1;
    /** Nothing known (static and api entries, or a caller without kernel metadata). */
    public static final RouteInfo NONE = new RouteInfo(UNKNOWN, UNKNOWN, UNKNOWN);
}
