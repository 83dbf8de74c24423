package io.github.modelarts.taskevents.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The list API's query: {@code limit} 1–100 (default 10), {@code offset} a page index (default 0), {@code type}. */
record ListQuery(Set<TaskType> types, int limit, int offset) {

    /** Parses a raw query string; an invalid parameter throws IllegalArgumentException saying which. */
    static ListQuery parse(String rawQuery) {
        Map<String, String> params = params(rawQuery);
        int limit = integer(params, "limit", 10, 1, 100);
        int offset = integer(params, "offset", 0, 0, Integer.MAX_VALUE);
        String type = params.get("type");
        Set<TaskType> types = type == null
                ? TaskType.LISTED_BY_DEFAULT
                : EnumSet.of(TaskType.find(type).orElseThrow(() -> new IllegalArgumentException(
                        "type must be auto-label, pre-label or auto-grouping")));
        return new ListQuery(types, limit, offset);
    }

    /** Index of the first task of the requested page, among the tasks of the requested types. */
    long firstIndex() {
        return (long) offset * limit;
    }

    private static int integer(Map<String, String> params, String name, int fallback, int min, int max) {
        String value = params.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range number
        }
        String range = max == Integer.MAX_VALUE ? "at least " + min : "from " + min + " to " + max;
        throw new IllegalArgumentException(name + " must be an integer " + range);
    }

    /** The first value of each parameter, decoded. */
    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            params.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return params;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
