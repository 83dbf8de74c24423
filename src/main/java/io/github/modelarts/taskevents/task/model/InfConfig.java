package io.github.modelarts.taskevents.task.model;

import java.util.Map;

/** Inference-job configuration of a pre-label task ({@code config.inf_config_list}); no event reads it. */
public record InfConfig(
        Map<String, String> envs,
        Integer instanceCount,
        String modelId,
        String specification,
        Integer weight) {
}
