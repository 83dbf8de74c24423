package io.github.modelarts.taskevents.simulator;

/** A request path split into the parts the task API addresses; the ids are null where they do not apply. */
record RequestPath(RequestKind kind, String projectId, String datasetId, String taskId) {
    private static final RequestPath OTHER = new RequestPath(RequestKind.OTHER, null, null, null);

    static RequestPath parse(String path) {
        // "/v2/{project}/datasets/{dataset}/tasks[/{task}]" splits into 6 or 7 parts, the first empty
        String[] parts = path.split("/", -1);
        boolean shaped = (parts.length == 6 || parts.length == 7) && parts[0].isEmpty()
                && "v2".equals(parts[1]) && "datasets".equals(parts[3]) && "tasks".equals(parts[5]);
        for (int i = 1; shaped && i < parts.length; i++) {
            shaped = !parts[i].isEmpty();
        }
        if (!shaped) {
            return OTHER;
        }
        return parts.length == 6
                ? new RequestPath(RequestKind.TASK_LIST, parts[2], parts[4], null)
                : new RequestPath(RequestKind.TASK, parts[2], parts[4], parts[6]);
    }

    /** The key of one task across projects, for per-task counters and faults. */
    static String taskKey(String datasetId, String taskId) {
        return datasetId + '/' + taskId;
    }

    String taskKey() {
        return taskKey(datasetId, taskId);
    }
}
