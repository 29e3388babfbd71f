package dev.keyroute.netlink.parse;

/**
 * One row of an {@link AttrPolicy}: the kind of an attribute and, for strings and opaque
 * payloads, a maximum length in bytes.
 */
public record AttrRule(AttrKind kind, int maxLength) {
    public static AttrRule of(AttrKind kind) {
        return new AttrRule(kind, 0xffff);
    }

    public static AttrRule string(int maxLength) {
        return new AttrRule(AttrKind.STRING, maxLength);
    }
}
