package io.github.modelarts.taskevents.read;

import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskDetail;

/** A task as a listing showed it: classified like a GET's answer, with the page's time and attempts. */
public record ListedTask(TaskRef ref, TaskDetail task, FetchResult fetched) {
}
