package io.github.modelarts.taskevents.task.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapper for API bodies: snake_case names, tolerant of fields the docs do not list and of
 * fields whose JSON type drifted from the model's ({@link TypeDrift}).
 */
public final class TaskJson {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addHandler(new TypeDrift())
            .build();

    private TaskJson() {
    }
}
