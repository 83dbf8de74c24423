package io.github.modelarts.taskevents.fetch;

import io.github.modelarts.taskevents.task.TaskRef;

/** The fetch stage: GET one task's detail. */
public final class TaskFetcher {
    private final ApiPaths paths;
    private final ModelArtsClient client;

    public TaskFetcher(ApiPaths paths, ModelArtsClient client) {
        this.paths = paths;
        this.client = client;
    }

    public FetchResult fetch(TaskRef ref) {
        return client.get(ref, paths.task(ref.datasetId(), ref.taskId()));
    }
}
