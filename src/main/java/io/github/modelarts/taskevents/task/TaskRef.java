package io.github.modelarts.taskevents.task;

/** One watched task: the two IDs that, with the project, make its URL. */
public record TaskRef(String datasetId, String taskId) {

    /** Parses the {@code dataset_id/task_id} form of {@code MODELARTS_TASKS}. */
    public static TaskRef parse(String pair) {
        String[] parts = pair.split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + pair + "' is not of the form dataset_id/task_id");
        }
        return new TaskRef(parts[0].trim(), parts[1].trim());
    }

    @Override
    public String toString() {
        return datasetId + "/" + taskId;
    }
}
