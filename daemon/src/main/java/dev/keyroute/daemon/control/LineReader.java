package dev.keyroute.daemon.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code \n}-terminated lines of at most {@link #MAX_LINE} bytes (a trailing {@code \r} is
 * dropped). A longer line is consumed up to its newline and reported as {@link #TOO_LONG}, so the
 * connection stays usable.
 */
final class LineReader {
    static final int MAX_LINE = 4096;
    /** Returned (by identity) for a line longer than {@link #MAX_LINE}. */
    static final String TOO_LONG = new String("<too long>");

    private final InputStream in;
    private final byte[] buf = new byte[MAX_LINE];

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, {@link #TOO_LONG}, or null at end of stream (a final unterminated line counts). */
    String readLine() throws IOException {
        int n = 0;
        boolean tooLong = false;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (n == 0 && !tooLong) {
                    return null;
                }
                break;
            }
            if (b == '\n') {
                break;
            }
            if (n < MAX_LINE) {
                buf[n++] = (byte) b;
            } else {
                tooLong = true;
            }
        }
        if (tooLong) {
            return TOO_LONG;
        }
        if (n > 0 && buf[n - 1] == '\r') {
            n--;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
