package dev.keyroute.netlink.parse;

/**
 * Internal signal that a message violates its layout or attribute policy. Stackless: it is
 * caught by {@link RtnlParser}, counted, and never escapes the parser.
 */
final class MalformedException extends Exception {
    MalformedException(String reason) {
        super(reason, null, false, false);
    }
}
