package io.github.modelarts.taskevents.cluster;

import io.github.modelarts.taskevents.testsupport.TaskGetLog.Get;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The poll cycles each node ran, from the start and end lines CycleRole logs at DEBUG (logback-cluster-node.xml),
 * on the wall clock the simulator's request log uses too.
 */
final class CycleSpans {
    private static final Pattern LINE = Pattern.compile(
            "^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) DEBUG CycleRole +Poll cycle (started|ended) on node (\\S+)$",
            Pattern.MULTILINE);

    /** One cycle on {@code node}, from {@code start} to {@code end} (epoch milliseconds, both included). */
    record Span(String node, long start, long end) {
        boolean holds(Get get) {
            return get.millis() >= start && get.millis() <= end;
        }
    }

    private CycleSpans() {
    }

    /** The cycles that ended in {@code log}; one still running at its end is left out. */
    static List<Span> of(String log) {
        List<Span> spans = new ArrayList<>();
        Matcher matcher = LINE.matcher(log);
        Long start = null;
        while (matcher.find()) {
            long at = millis(matcher.group(1));
            if (matcher.group(2).equals("started")) {
                start = at;
            } else if (start != null) {
                spans.add(new Span(matcher.group(3), start, at));
                start = null;
            }
        }
        return spans;
    }

    /** Pairs of cycles, on any nodes, that ran at the same time. */
    static List<List<Span>> overlapping(List<Span> spans) {
        List<Span> sorted = spans.stream().sorted(Comparator.comparingLong(Span::start)).toList();
        List<List<Span>> overlaps = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start() <= sorted.get(i - 1).end()) {
                overlaps.add(List.of(sorted.get(i - 1), sorted.get(i)));
            }
        }
        return overlaps;
    }

    /** The tasks some cycle polled more than once, with that cycle. */
    static Map<String, Span> polledTwiceInOneCycle(List<Span> spans, List<Get> gets) {
        return spans.stream().flatMap(span -> gets.stream().filter(span::holds)
                        .collect(Collectors.groupingBy(Get::taskId, Collectors.counting())).entrySet().stream()
                        .filter(polls -> polls.getValue() > 1).map(polls -> Map.entry(polls.getKey() + "@" + span, span)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The GETs outside every cycle: none may be, or the spans missed a cycle. */
    static List<Get> outside(List<Span> spans, List<Get> gets) {
        return gets.stream().filter(get -> spans.stream().noneMatch(span -> span.holds(get))).toList();
    }

    /** A log time of today (the nodes log on this machine's clock and zone); a time just before midnight, of yesterday. */
    private static long millis(String time) {
        ZoneId zone = ZoneId.systemDefault();
        LocalTime local = LocalTime.parse(time);
        LocalDate today = LocalDate.now(zone);
        long millis = local.atDate(today).atZone(zone).toInstant().toEpochMilli();
        return millis > System.currentTimeMillis() + 60_000 ? local.atDate(today.minusDays(1)).atZone(zone)
                .toInstant().toEpochMilli() : millis;
    }
}
