package io.github.modelarts.taskevents.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.fetch.TaskLister;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.fetch.FetchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a fetched list page into a {@link ListPage}. A failed call has the same reasons as a failed task GET;
 * a 200 whose body is not a list is a malformed response.
 */
public final class ListPageReader {

    public ListPage read(TaskLister.Page page) {
        var fetched = page.result();
        if (!fetched.answered()) {
            return failed(fetched.failure(), page);
        }
        JsonNode tasks = listedTasks(page.body());
        if (tasks == null) {
            return failed(PollFailure.malformed(200, PollFailure.excerpt(page.body())), page);
        }
        List<JsonNode> items = new ArrayList<>();
        tasks.get("tasks").forEach(items::add);
        JsonNode total = tasks.get("total_count");
        return new ListPage.Read(items, total != null && total.canConvertToLong() ? total.asLong() : null,
                fetched.attempts(), fetched.observedAt());
    }

    private static ListPage failed(PollFailure failure, TaskLister.Page page) {
        return new ListPage.Failed(new FetchResult(failure, page.result().attempts(), page.result().observedAt()));
    }

    /** The body when it is an object with a {@code tasks} array, else null. */
    private static JsonNode listedTasks(byte[] body) {
        try {
            JsonNode root = TaskJson.MAPPER.readTree(body);
            return root != null && root.path("tasks").isArray() ? root : null;
        } catch (IOException e) {
            return null;
        }
    }
}
