package io.github.modelarts.taskevents.fetch;

import io.github.modelarts.taskevents.task.TaskRef;

/** GETs one page of a dataset's task list (docs/modelarts-api.md#task-list) through the client of the task GETs. */
public final class TaskLister {
    /** The most the list API returns at once: the fewest requests per dataset. */
    public static final int PAGE_SIZE = 100;

    private final ApiPaths paths;
    private final ModelArtsClient client;

    public TaskLister(ApiPaths paths, ModelArtsClient client) {
        this.paths = paths;
        this.client = client;
    }

    /** Page {@code page} (a page index, not an item offset) of the tasks of {@code type}; no task in the ref. */
    public FetchResult page(String datasetId, String type, int page) {
        return client.get(new TaskRef(datasetId, null), paths.taskList(datasetId, type, PAGE_SIZE, page));
    }
}
