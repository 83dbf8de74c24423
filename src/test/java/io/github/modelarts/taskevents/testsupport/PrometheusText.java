package io.github.modelarts.taskevents.testsupport;

import java.util.Arrays;
import java.util.List;

/** Reads samples out of a Prometheus text exposition, enough for assertions. */
public final class PrometheusText {
    private final String text;

    public PrometheusText(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /**
     * The sum of the samples of {@code name} whose labels include each {@code label="value"} given as
     * {@code label, value} pairs; 0 when there is none (a counter not yet incremented is not always listed).
     */
    public double value(String name, String... labelValuePairs) {
        return samples(name).stream()
                .filter(line -> hasLabels(line, labelValuePairs))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Whether any sample of {@code name} (with any labels) is there. */
    public boolean has(String name) {
        return !samples(name).isEmpty();
    }

    private List<String> samples(String name) {
        return Arrays.stream(text.split("\n"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .toList();
    }

    private static boolean hasLabels(String line, String... pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            if (!line.contains(pairs[i] + "=\"" + pairs[i + 1] + "\"")) {
                return false;
            }
        }
        return true;
    }
}
