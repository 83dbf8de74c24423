package io.github.modelarts.taskevents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages below {@code io.github.modelarts.taskevents} import each other one way only, so each stage can
 * be read, tested and changed without the ones after it. A package's subpackages count as the package
 * ({@code fetch.auth} is part of {@code fetch}). The root package is left out: it is the composition root
 * that wires every stage, and the demo starts it.
 */
class PackageCyclesTest {
    private static final String BASE = "io.github.modelarts.taskevents";
    private static final Path SOURCES = Path.of("src/main/java", BASE.split("\\."));
    private static final Pattern IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?" + Pattern.quote(BASE) + "\\.([a-z0-9_]+)\\.", Pattern.MULTILINE);

    @Test
    void noPackageImportsOneThatImportsItBack() throws IOException {
        Map<String, Set<String>> imports = packageImports();
        Set<String> cycles = new TreeSet<>();
        imports.forEach((from, targets) -> targets.forEach(to -> {
            List<String> back = shortestPath(to, from, imports);
            if (!back.isEmpty()) {
                List<String> cycle = new ArrayList<>(List.of(from));
                cycle.addAll(back);
                cycles.add(String.join(" -> ", fromFirstPackage(cycle)));
            }
        }));
        assertEquals(Set.of(), cycles, "package cycles");
    }

    /** The cycle (first package = last) rotated to start at its alphabetically first package, so each reads once. */
    private static List<String> fromFirstPackage(List<String> cycle) {
        List<String> ring = cycle.subList(0, cycle.size() - 1);
        int first = ring.indexOf(ring.stream().min(String::compareTo).orElseThrow());
        List<String> rotated = new ArrayList<>(ring.subList(first, ring.size()));
        rotated.addAll(ring.subList(0, first));
        rotated.add(rotated.get(0));
        return rotated;
    }

    /** Top-level package → the other top-level packages its files import. */
    private static Map<String, Set<String>> packageImports() throws IOException {
        Map<String, Set<String>> imports = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue;
                }
                String from = relative.getName(0).toString();
                Set<String> targets = imports.computeIfAbsent(from, p -> new TreeSet<>());
                Matcher matcher = IMPORT.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(from)) {
                        targets.add(matcher.group(1));
                    }
                }
            }
        }
        return imports;
    }

    /** The shortest chain of imports from {@code start} to {@code goal}, both included; empty when none. */
    private static List<String> shortestPath(String start, String goal, Map<String, Set<String>> imports) {
        Map<String, String> reachedFrom = new TreeMap<>(Map.of(start, start));
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            String current = queue.removeFirst();
            if (current.equals(goal)) {
                List<String> path = new ArrayList<>(List.of(goal));
                for (String step = goal; !step.equals(start); step = reachedFrom.get(step)) {
                    path.add(0, reachedFrom.get(step));
                }
                return path;
            }
            for (String next : imports.getOrDefault(current, Set.of())) {
                if (reachedFrom.putIfAbsent(next, current) == null) {
                    queue.addLast(next);
                }
            }
        }
        return List.of();
    }
}
