package dev.keyroute.daemon.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders one control-socket line (docs/CONTROL.md) for {@code keyroute monitor}: as text in the
 * manner of {@code ip monitor} ({@code add 10.1.0.0/24 peer K source route table 254 seq 7}) or as
 * one JSON object ({@code {"interface":"wg0","seq":7,"event":"add","prefix":"10.1.0.0/24",...}}).
 */
final class MonitorLine {
    private final Long seq;
    private final String event;
    private final List<String[]> fields;

    private MonitorLine(Long seq, String event, List<String[]> fields) {
        this.seq = seq;
        this.event = event;
        this.fields = fields;
    }

    /** Parses {@code [<seq> ]<event> key=value...}. */
    static MonitorLine parse(String line) {
        String[] w = line.strip().split(" ");
        int i = 0;
        Long seq = null;
        if (w.length > 0 && !w[0].isEmpty() && w[0].chars().allMatch(Character::isDigit)) {
            seq = Long.parseLong(w[0]);
            i = 1;
        }
        String event = i < w.length ? w[i++] : "";
        List<String[]> fields = new ArrayList<>();
        for (; i < w.length; i++) {
            int eq = w[i].indexOf('=');
            fields.add(eq < 0 ? new String[] {w[i], ""} : new String[] {w[i].substring(0, eq), w[i].substring(eq + 1)});
        }
        return new MonitorLine(seq, event, fields);
    }

    String event() {
        return event;
    }

    String text() {
        StringBuilder sb = new StringBuilder(event);
        for (String[] f : fields) {
            sb.append(' ');
            if (!f[0].equals("prefix")) {
                sb.append(f[0]).append(' ');
            }
            sb.append(f[1]);
        }
        if (seq != null) {
            sb.append(" seq ").append(seq);
        }
        return sb.toString();
    }

    String json(String ifname) {
        StringBuilder sb = new StringBuilder("{\"interface\":");
        string(sb, ifname);
        if (seq != null) {
            sb.append(",\"seq\":").append(seq);
        }
        sb.append(",\"event\":");
        string(sb, event);
        for (String[] f : fields) {
            sb.append(',');
            string(sb, f[0]);
            sb.append(':');
            if (!f[1].isEmpty() && f[1].length() < 19 && f[1].chars().allMatch(Character::isDigit)) {
                sb.append(f[1]);
            } else {
                string(sb, f[1]);
            }
        }
        return sb.append('}').toString();
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
