package io.github.modelarts.taskevents.simulator;

/** What a request addresses, by the shape of its path, for the request counters. */
public enum RequestKind {
    /** {@code /v2/{project_id}/datasets/{dataset_id}/tasks/{task_id}} */
    TASK,
    /** {@code /v2/{project_id}/datasets/{dataset_id}/tasks} */
    TASK_LIST,
    /** any other path */
    OTHER
}
