package io.github.modelarts.taskevents.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Keeps an event's value within what the Kafka producer sends. A record over {@code max.request.size} is refused for
 * good, so the free text the API sends without a bound is cut: the fields of {@link #CUT_ORDER} in turn, each only as
 * much as still needed, and each named in the value's {@code truncated} array. A value that still does not fit (an
 * identity field of that size) is left as it is, for the publisher to park.
 */
final class ValueLimit {
    /** Least needed first; {@code result} is an object, which cannot be cut in part, so it is left out whole. */
    static final List<String> CUT_ORDER = List.of("error_detail", "message", "result", "error_msg");
    /**
     * Kept from {@code max.request.size} for the rest of the record: key and headers (their IDs are at most 128
     * characters, so together well under 2 KiB), Kafka's framing of the record and its batch, and a field a stage adds
     * after this one (a list call's {@code task_type}).
     */
    static final int RECORD_OVERHEAD_BYTES = 8 * 1024;
    /** A cut text keeps at least this many characters, so a short field is never cut for another's sake. */
    static final int KEPT_CHARS = 1024;
    private static final String CUT_MARK = "…";

    private final int maxValueBytes;

    ValueLimit(int maxRequestSize) {
        this.maxValueBytes = maxRequestSize - RECORD_OVERHEAD_BYTES;
    }

    /** The value as JSON, cut to the limit where it was over. */
    String serialize(ObjectNode value) {
        String json = value.toString();
        ArrayNode truncated = null;
        for (String field : CUT_ORDER) {
            if (utf8Length(json) <= maxValueBytes) {
                break;
            }
            JsonNode node = value.get(field);
            if (node == null || node.isTextual() && codePoints(node.textValue()) <= KEPT_CHARS) {
                continue;
            }
            if (truncated == null) {
                truncated = value.putArray("truncated");
            }
            truncated.add(field);
            if (node.isTextual()) {
                long excess = utf8Length(value.toString()) - maxValueBytes;
                value.put(field, cut(node.textValue(), jsonLength(node.textValue()) - excess));
            } else {
                value.remove(field);
            }
            json = value.toString();
        }
        return json;
    }

    /** The start of {@code text} whose JSON, with the cut mark, takes at most {@code budget} bytes; or its floor. */
    private static String cut(String text, long budget) {
        long room = budget - jsonLength(CUT_MARK);
        int end = 0;
        int codePoints = 0;
        while (end < text.length()) {
            int codePoint = text.codePointAt(end);
            room -= jsonLength(codePoint);
            if (room < 0 && codePoints >= KEPT_CHARS) {
                break;
            }
            end += Character.charCount(codePoint);
            codePoints++;
        }
        return text.substring(0, end) + CUT_MARK;
    }

    private static int codePoints(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Bytes of {@code text} inside a JSON string as Jackson writes it: UTF-8, with its escapes. */
    private static long jsonLength(String text) {
        return text.codePoints().mapToLong(ValueLimit::jsonLength).sum();
    }

    private static int jsonLength(int codePoint) {
        if (codePoint == '"' || codePoint == '\\' || codePoint == '\n' || codePoint == '\r' || codePoint == '\t'
                || codePoint == '\b' || codePoint == '\f') {
            return 2;
        }
        if (codePoint < 0x20) {
            return 6;
        }
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    private static long utf8Length(String json) {
        return json.codePoints().mapToLong(codePoint -> codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2
                : codePoint < 0x10000 ? 3 : 4).sum();
    }
}
