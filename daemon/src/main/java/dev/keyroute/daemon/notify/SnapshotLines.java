package dev.keyroute.daemon.notify;

import dev.keyroute.config.Prefix;
import dev.keyroute.wgcore.device.AllowedIpsEntry;
import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A subscription's snapshot: the effective entries as captured under the table's lock (prefix and
 * entry references, both immutable) and the peer lines, formatted only when read. Formatting a
 * full table's million lines under the lock took a second, long enough for the route follower,
 * which needs the same lock, to overrun its netlink socket during a mass change.
 */
public final class SnapshotLines extends AbstractList<String> implements RandomAccess {
    static final SnapshotLines EMPTY = new SnapshotLines(List.of(), List.of(), List.of());

    private final List<Prefix> prefixes;
    private final List<AllowedIpsEntry> entries;
    private final List<String> peerLines;

    /** Takes the two lists over (the caller must not change them afterwards). */
    SnapshotLines(List<Prefix> prefixes, List<AllowedIpsEntry> entries, List<String> peerLines) {
        if (prefixes.size() != entries.size()) {
            throw new IllegalArgumentException("one entry per prefix");
        }
        this.prefixes = prefixes;
        this.entries = entries;
        this.peerLines = List.copyOf(peerLines);
    }

    /** Number of {@code entry} lines (they come first). */
    public int entryCount() {
        return prefixes.size();
    }

    /** Number of {@code peer} lines (after the entries). */
    public int peerCount() {
        return peerLines.size();
    }

    /** Appends line {@code i} (without a newline) to {@code sb}. */
    public StringBuilder appendLine(int i, StringBuilder sb) {
        Objects.checkIndex(i, size());
        if (i < prefixes.size()) {
            EventText.entry(sb.append("entry "), prefixes.get(i), entries.get(i));
            return sb;
        }
        return sb.append(peerLines.get(i - prefixes.size()));
    }

    @Override
    public String get(int i) {
        return appendLine(i, new StringBuilder(160)).toString();
    }

    @Override
    public int size() {
        return prefixes.size() + peerLines.size();
    }
}
