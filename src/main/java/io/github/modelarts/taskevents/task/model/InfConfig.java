package io.github.modelarts.taskevents.task.model;

import java.util.Map;

/** Inference-job configuration of a pre-label task (domain reference §1.2, {@code inf_config_list}). */
public record InfConfig(
        Map<String, String> envs,
        Integer instanceCount,
        String modelId,
        String specification,
        Integer weight) {
}
