package dev.keyroute.it;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The totals of an {@code iperf3 -J} TCP run: what the receiver counted ({@code end.sum_received})
 * and what the sender pushed ({@code end.sum_sent}). Only these two flat objects are read, so a
 * targeted match is enough and the module needs no JSON library.
 */
public record Iperf3Result(long bytesReceived, double bitsPerSecondReceived, double bitsPerSecondSent, long retransmits) {

    public static Iperf3Result parse(String json) {
        String received = object(json, "sum_received");
        String sent = object(json, "sum_sent");
        return new Iperf3Result(
                (long) number(received, "bytes"),
                number(received, "bits_per_second"),
                number(sent, "bits_per_second"),
                sent.contains("\"retransmits\"") ? (long) number(sent, "retransmits") : 0);
    }

    public double mbitsPerSecond() {
        return bitsPerSecondReceived / 1e6;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f Mbit/s received (%d bytes, sender %.1f Mbit/s, %d retransmits)",
                mbitsPerSecond(), bytesReceived, bitsPerSecondSent / 1e6, retransmits);
    }

    private static String object(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\\{([^{}]*)}").matcher(json);
        if (!m.find()) {
            Matcher err = Pattern.compile("\"error\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
            throw new IllegalArgumentException("iperf3 JSON has no \"" + name + "\" object"
                    + (err.find() ? "; iperf3 error: " + err.group(1) : ""));
        }
        return m.group(1);
    }

    private static double number(String body, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*(-?[0-9.]+(?:[eE][-+]?[0-9]+)?)").matcher(body);
        if (!m.find()) {
            throw new IllegalArgumentException("iperf3 JSON object has no numeric \"" + key + "\"");
        }
        return Double.parseDouble(m.group(1));
    }
}
