package io.github.modelarts.taskevents.watch;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.config.SettingsReader;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.io.IOException;
import java.util.Locale;

/** A request from {@code TOPIC_WATCH}: {@code {"dataset_id": ..., "task_id": ..., "action": "watch"|"unwatch"}}. */
public record WatchRequest(TaskRef ref, Action action) {

    public enum Action {
        WATCH, UNWATCH;

        /** The name in a request and in the state database. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action of(String wireName) {
            for (Action action : values()) {
                if (action.wireName().equals(wireName)) {
                    return action;
                }
            }
            throw new IllegalArgumentException("action must be \"watch\" or \"unwatch\"");
        }
    }

    /**
     * Parses a request's Kafka value; the IDs are held to the rule of {@code MODELARTS_TASKS}, since they
     * become URL path segments. Throws IllegalArgumentException saying what is wrong; unknown fields are ignored.
     */
    public static WatchRequest parse(byte[] value) {
        JsonNode root;
        try {
            root = value == null ? null : TaskJson.MAPPER.readTree(value);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        return new WatchRequest(new TaskRef(id(root, "dataset_id"), id(root, "task_id")),
                Action.of(root.path("action").asText(null)));
    }

    private static String id(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || !SettingsReader.isId(value.asText())) {
            throw new IllegalArgumentException(field + " must be an ID (letters, digits, '-', '_', '.')");
        }
        return value.asText();
    }
}
