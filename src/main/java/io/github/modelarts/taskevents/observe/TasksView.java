package io.github.modelarts.taskevents.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.watch.WatchList;
import java.time.Instant;
import java.util.Locale;

/** {@code /observe/tasks}: every watched task and what is remembered of it, as a JSON array. */
public final class TasksView {
    private final WatchList watchList;

    TasksView(WatchList watchList) {
        this.watchList = watchList;
    }

    public String json() {
        ArrayNode tasks = TaskJson.MAPPER.createArrayNode();
        for (WatchList.Entry entry : watchList.entries()) {
            TaskMemory memory = entry.memory();
            ObjectNode task = tasks.addObject();
            task.put("dataset_id", entry.ref().datasetId());
            task.put("task_id", entry.ref().taskId());
            task.put("task_name", memory.taskName());
            task.put("source", entry.source().name().toLowerCase(Locale.ROOT));
            task.put("status", memory.status());
            task.put("status_name", StateGauges.status(memory));
            task.put("code", memory.code());
            task.put("progress", memory.progress());
            task.put("terminal", memory.terminal());
            task.put("last_event_type", memory.lastEventType());
            task.put("last_event_at", text(memory.lastEventAt()));
            task.put("last_poll_at", text(memory.lastPollAt()));
            task.put("consecutive_errors", memory.consecutiveFailures());
        }
        return tasks.toString();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
