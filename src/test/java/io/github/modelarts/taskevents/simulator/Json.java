package io.github.modelarts.taskevents.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The simulator's one ObjectMapper (costly to build, thread-safe once configured) and its JSON helpers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh JSON object from JSON text or bytes, a JsonNode or a Map; anything else is a caller's mistake. */
    static ObjectNode object(Object value) {
        JsonNode node;
        try {
            node = value instanceof String text ? MAPPER.readTree(text)
                    : value instanceof byte[] bytes ? MAPPER.readTree(bytes)
                    : value instanceof JsonNode json ? json.deepCopy()
                    : MAPPER.valueToTree(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a JSON object is required, got: " + value);
        }
        return (ObjectNode) node;
    }

    /**
     * {@code base} with the top-level {@code fields} set; a null value removes the field, because the
     * API leaves out fields that do not apply (e.g. error_code on a running task). The result shares
     * unchanged children with {@code base}, so neither may be modified afterwards.
     */
    static ObjectNode merged(ObjectNode base, ObjectNode fields) {
        ObjectNode merged = MAPPER.createObjectNode();
        merged.setAll(base);
        fields.properties().forEach(field -> {
            if (field.getValue().isNull()) {
                merged.remove(field.getKey());
            } else {
                merged.set(field.getKey(), field.getValue());
            }
        });
        return merged;
    }
}
