package io.github.modelarts.taskevents.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Kafka record to publish: topic, key ({@code task_id}), the CloudEvents attributes (binary mode,
 * as {@code ce_*} headers) and the JSON value.
 *
 * @param sequence the event's number within its task run (the {@code ce_sequence} extension); null for an event
 *                 outside a run's sequence (a failed poll, a watch request, ...)
 */
public record TaskEvent(String topic, String key, String id, String type, String source, String subject,
                        Instant time, String value, Integer sequence) {

    /** An event outside any run's sequence. */
    public TaskEvent(String topic, String key, String id, String type, String source, String subject, Instant time,
                     String value) {
        this(topic, key, id, type, source, subject, time, value, null);
    }

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    /**
     * Base of every {@code ce_dataschema}: an identifier, not an address to fetch. The schema of type {@code t} is
     * the file {@code docs/schemas/t.json}, whose {@code $id} is this base plus that file name.
     */
    public static final String SCHEMA_BASE = "https://github.com/modelarts-task-events/schemas/";

    /** Every Kafka header of the record, in a stable order; nothing else may reach Kafka. */
    public Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", SPEC_VERSION);
        headers.put("ce_id", id);
        headers.put("ce_source", source);
        headers.put("ce_type", type);
        headers.put("ce_dataschema", SCHEMA_BASE + type + ".json");
        headers.put("ce_subject", subject);
        headers.put("ce_time", time.toString());
        if (sequence != null) {
            headers.put("ce_sequence", sequence.toString());
        }
        headers.put("content-type", CONTENT_TYPE);
        return headers;
    }
}
