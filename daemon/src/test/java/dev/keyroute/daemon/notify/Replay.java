package dev.keyroute.daemon.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keyroute.wgcore.device.AllowedIpsTable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a subscriber builds from the stream: prefix to "peer=.. source=.. [table=..] ..." from the
 * snapshot's entry lines, then add/del/move/update deltas, checking sequence numbers have no gaps.
 */
public final class Replay {
    private final Map<String, String> entries = new TreeMap<>();
    private long lastSeq = -1;
    private boolean inSnapshot;

    /** Applies one line; returns false for lines that are not part of the table stream. */
    public void accept(String line) {
        String[] w = line.split(" ", 2);
        switch (w[0]) {
            case "snapshot" -> {
                inSnapshot = true;
                lastSeq = Long.parseLong(w[1].substring("seq=".length()));
            }
            case "entry" -> {
                assertTrue(inSnapshot, "entry outside snapshot: " + line);
                put(w[1]);
            }
            case "peer" -> assertTrue(inSnapshot);
            case "end" -> inSnapshot = false;
            case "overrun" -> throw new AssertionError("unexpected overrun: " + line);
            default -> delta(Long.parseLong(w[0]), w[1], line);
        }
    }

    private void delta(long seq, String rest, String line) {
        assertEquals(lastSeq + 1, seq, "gap before " + line);
        lastSeq = seq;
        String[] w = rest.split(" ", 2);
        switch (w[0]) {
            case "add" -> assertEquals(null, put(w[1]), "add of existing entry: " + line);
            case "del" -> assertEquals(fields(w[1]), entries.remove(prefixOf(w[1])), "del of other entry: " + line);
            case "move", "update" -> assertNotNull(put(strip(w[1])), "move of missing entry: " + line);
            default -> {
                // peer, next hop, conflict and resync events do not change the table
            }
        }
    }

    private static String strip(String fields) {
        return fields.replaceAll(" from-peer=\\S+", "").replaceAll(" from-source=\\S+", "");
    }

    private String put(String fieldText) {
        return entries.put(prefixOf(fieldText), fields(fieldText));
    }

    private static String prefixOf(String fieldText) {
        return fieldText.split(" ", 2)[0].substring("prefix=".length());
    }

    private static String fields(String fieldText) {
        return fieldText.split(" ", 2)[1];
    }

    public long lastSeq() {
        return lastSeq;
    }

    public Map<String, String> entries() {
        return entries;
    }

    /** The table as the stream would render it, read directly (independent of the journal). */
    public static Map<String, String> dump(AllowedIpsTable table) {
        Map<String, String> m = new TreeMap<>();
        table.forEachEffective((p, e) -> {
            StringBuilder sb = new StringBuilder();
            EventText.entry(sb, p, e);
            m.put(prefixOf(sb.toString()), fields(sb.toString()));
        });
        return m;
    }
}
