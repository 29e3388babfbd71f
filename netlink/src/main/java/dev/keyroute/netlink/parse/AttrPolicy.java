package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.spec.AddressFamily;
import java.nio.ByteBuffer;

/**
 * A validation table indexed by attribute type. Attributes without a rule are unknown and
 * ignored; attributes with a rule must match it or the whole message is rejected.
 */
public final class AttrPolicy {
    private final AttrRule[] rules;

    private AttrPolicy(AttrRule[] rules) {
        this.rules = rules;
    }

    public static Builder builder(int maxType) {
        return new Builder(maxType);
    }

    /** Highest attribute type this policy knows. */
    public int maxType() {
        return rules.length - 1;
    }

    /** The rule for {@code type}, or null if the attribute is unknown (ignored). */
    public AttrRule rule(int type) {
        return type >= 0 && type < rules.length ? rules[type] : null;
    }

    /**
     * Checks one attribute payload.
     *
     * @return null if valid, else a short reason
     */
    public String check(int type, ByteBuffer buf, int payloadOffset, int payloadLength, int family) {
        AttrRule r = rule(type);
        if (r == null) {
            return null;
        }
        return switch (r.kind()) {
            case U8 -> payloadLength == 1 ? null : "u8 attribute " + type + " has length " + payloadLength;
            case U16 -> payloadLength == 2 ? null : "u16 attribute " + type + " has length " + payloadLength;
            case U32 -> payloadLength == 4 ? null : "u32 attribute " + type + " has length " + payloadLength;
            case ADDRESS -> payloadLength == AddressFamily.addressLength(family) ? null
                    : "address attribute " + type + " has length " + payloadLength + " for family " + family;
            case VIA -> checkVia(type, buf, payloadOffset, payloadLength);
            case STRING -> checkString(type, buf, payloadOffset, payloadLength, r.maxLength());
            case NESTED, BINARY -> payloadLength <= r.maxLength() ? null
                    : "attribute " + type + " longer than " + r.maxLength();
        };
    }

    private static String checkVia(int type, ByteBuffer buf, int at, int len) {
        if (len < 2) {
            return "via attribute " + type + " too short";
        }
        int viaFamily = Short.toUnsignedInt(buf.getShort(at));
        int alen = AddressFamily.addressLength(viaFamily);
        if (alen < 0 || len != 2 + alen) {
            return "via attribute " + type + " family " + viaFamily + " length " + len;
        }
        return null;
    }

    private static String checkString(int type, ByteBuffer buf, int at, int len, int max) {
        if (len < 1 || len > max) {
            return "string attribute " + type + " has length " + len;
        }
        for (int i = 0; i < len; i++) {
            if (buf.get(at + i) == 0) {
                return null;
            }
        }
        return "string attribute " + type + " is not NUL-terminated";
    }

    public static final class Builder {
        private final AttrRule[] rules;

        private Builder(int maxType) {
            rules = new AttrRule[maxType + 1];
        }

        public Builder rule(int type, AttrKind kind) {
            rules[type] = AttrRule.of(kind);
            return this;
        }

        public Builder rule(int type, AttrRule rule) {
            rules[type] = rule;
            return this;
        }

        public AttrPolicy build() {
            return new AttrPolicy(rules.clone());
        }
    }
}
