package dev.keyroute.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** Text-to-value conversions shared by the config types and the parser. No name lookups. */
final class Values {
    static final long MAX_U32 = 0xFFFF_FFFFL;
    private static final int MAX_HOSTNAME = 253;

    private Values() {
    }

    /** An unsigned decimal number no larger than {@code max}, e.g. a port. */
    static long decimal(String text, long max) {
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("invalid number '" + text + "'");
        }
        long v = Long.parseLong(text);
        if (v > max) {
            throw new IllegalArgumentException("value " + v + " out of range 0.." + max);
        }
        return v;
    }

    /** An unsigned 32-bit value in decimal or {@code 0x} hex, as wg accepts for FwMark. */
    static long u32(String text) {
        String t = text.toLowerCase();
        if (t.startsWith("0x")) {
            String h = t.substring(2);
            if (h.isEmpty() || h.length() > 8 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IllegalArgumentException("invalid hex number '" + text + "'");
            }
            return Long.parseLong(h, 16);
        }
        return decimal(text, MAX_U32);
    }

    /** A decimal number in {@code min..max}; errors name it as {@code what}. */
    static int number(String what, String text, int min, int max) {
        long v = decimal(text, MAX_U32);
        checkRange(what, v, min, max);
        return (int) v;
    }

    static void checkRange(String what, long v, long min, long max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " " + v + " out of range " + min + ".." + max);
        }
    }

    /** A base64 key in the canonical form {@code wg genkey} prints; other encodings are refused. */
    static Key key(String text) {
        Key k = Key.fromBase64(text);
        if (!k.toBase64().equals(text)) {
            throw new IllegalArgumentException("key is not canonical base64");
        }
        return k;
    }

    static boolean bool(String text) {
        return switch (text.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
        };
    }

    /** Splits a comma-separated list, trimming items; an empty value is an empty list. */
    static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value.isEmpty()) {
            return out;
        }
        for (String item : value.split(",", -1)) {
            String t = item.trim();
            if (t.isEmpty()) {
                throw new IllegalArgumentException("empty list element in '" + value + "'");
            }
            out.add(t);
        }
        return out;
    }

    /** Numeric IPv4/IPv6 address, never resolved. */
    static InetAddress address(String text) {
        try {
            return InetAddress.getByAddress(Prefix.parseAddress(text));
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Address text: dotted IPv4, RFC 5952 IPv6. */
    static String addressText(byte[] a) {
        if (a.length == 16) {
            return Ipv6Text.compress(a);
        }
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }

    /** Whether wg-quick would take {@code text} as an address rather than a name (its own rule). */
    static boolean looksNumeric(String text) {
        return text.indexOf(':') >= 0 || text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    }

    /** A DNS name: letters, digits, '-', '_', dots between non-empty labels; lower-cased. */
    static String hostname(String text) {
        String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (t.isEmpty() || t.length() > MAX_HOSTNAME) {
            throw new IllegalArgumentException("invalid host name '" + text + "'");
        }
        for (String label : t.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-")
                    || !label.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                throw new IllegalArgumentException("invalid host name '" + text + "'");
            }
        }
        return text.toLowerCase();
    }

    /**
     * A PreUp/PostUp/PreDown/PostDown command. It must survive a write and re-read: one line, no
     * '#' (wg-quick cuts comments before running the command), no surrounding blanks.
     */
    static String hook(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        if (t.indexOf('#') >= 0 || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0 || t.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("command must be one line without '#'");
        }
        return t;
    }
}
