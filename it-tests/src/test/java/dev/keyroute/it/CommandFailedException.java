package dev.keyroute.it;

import java.util.List;

/** A command exited non-zero or timed out; the message carries the command line and its stderr. */
public final class CommandFailedException extends RuntimeException {
    private final int exitCode;
    private final String stdout;
    private final String stderr;

    CommandFailedException(List<String> command, int exitCode, String stdout, String stderr, boolean timedOut) {
        super((timedOut ? "timed out: " : "exit " + exitCode + ": ") + String.join(" ", command)
                + (stderr.isBlank() ? "" : "\n--- stderr ---\n" + stderr.strip())
                + (stdout.isBlank() ? "" : "\n--- stdout ---\n" + tail(stdout)));
        this.exitCode = exitCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The process exit code, or -1 when it was killed after the timeout. */
    public int exitCode() {
        return exitCode;
    }

    public String stdout() {
        return stdout;
    }

    public String stderr() {
        return stderr;
    }

    private static String tail(String text) {
        String s = text.strip();
        return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
    }
}
