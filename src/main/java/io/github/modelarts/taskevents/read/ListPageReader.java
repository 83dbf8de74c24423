package io.github.modelarts.taskevents.read;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.Observation;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a fetched list page into a {@link ListPage}. A failed call gets the same reasons as a failed
 * task GET, from {@link ResponseReader}; a 200 whose body is not a list is a malformed response.
 */
public final class ListPageReader {
    private final ResponseReader responses;

    public ListPageReader(ResponseReader responses) {
        this.responses = responses;
    }

    public ListPage read(FetchResult fetched) {
        if (!(fetched instanceof FetchResult.Answered answer) || answer.httpStatus() != 200) {
            return new ListPage.Failed((Observation.PollFailed) responses.read(fetched));
        }
        JsonNode tasks = answer.isWholeJson() ? listedTasks(answer.body()) : null;
        if (tasks == null) {
            return new ListPage.Failed(new Observation.PollFailed(answer.ref(),
                    PollFailure.malformed(200, PollFailure.excerpt(answer.body())), answer.attempts(),
                    answer.observedAt()));
        }
        List<JsonNode> items = new ArrayList<>();
        tasks.get("tasks").forEach(items::add);
        JsonNode total = tasks.get("total_count");
        return new ListPage.Read(items, total != null && total.canConvertToLong() ? total.asLong() : null,
                answer.attempts(), answer.observedAt());
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
