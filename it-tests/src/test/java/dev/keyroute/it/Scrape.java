package dev.keyroute.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One parsed Prometheus text exposition: samples looked up by name and label substrings. */
public record Scrape(String text) {
    /** The value of the single sample {@code name} whose label set contains every {@code labels} item. */
    public double value(String name, String... labels) {
        List<Double> found = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)} (\\S+)$").matcher(text);
        while (m.find()) {
            boolean all = true;
            for (String l : labels) {
                all &= m.group(1).contains(l);
            }
            if (all) {
                found.add(Double.parseDouble(m.group(2)));
            }
        }
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " samples of " + name + " " + List.of(labels) + " in scrape:\n" + text);
        }
        return found.get(0);
    }

    /** As {@link #value} but 0 when the series does not exist (yet). */
    public double valueOrZero(String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{").matcher(text);
        return m.find() ? valueIfPresent(name, labels) : 0;
    }

    private double valueIfPresent(String name, String... labels) {
        try {
            return value(name, labels);
        } catch (AssertionError e) {
            if (e.getMessage().startsWith("0 samples")) {
                return 0;
            }
            throw e;
        }
    }
}
