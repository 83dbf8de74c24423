package io.github.modelarts.taskevents.read;

import java.io.IOException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.Observation;
import io.github.modelarts.taskevents.task.PollFailure;
import io.github.modelarts.taskevents.task.model.TaskDetail;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.util.Set;

/** Turns a fetched answer into an {@link Observation}: the parsed task, or a failure with its reason. */
public final class ResponseReader {
    /** A 400 with one of these means the dataset or task is missing (docs/modelarts-api.md#not-found-codes). */
    private static final Set<String> NOT_FOUND_CODES = Set.of("ModelArts.4338", "ModelArts.4352",
            "ModelArts.4612", "ModelArts.4631", "ModelArts.4636", "ModelArts.4700", "ModelArts.4801");

    public Observation read(FetchResult fetched) {
        if (fetched instanceof FetchResult.Unreachable unreachable) {
            return failed(fetched, new PollFailure(unreachable.reason(), null, null, unreachable.detail(), null,
                    unreachable.isTransient()));
        }
        FetchResult.Answered answer = (FetchResult.Answered) fetched;
        if (answer.httpStatus() == 200) {
            return readTask(answer);
        }
        return failed(fetched, httpFailure(answer));
    }

    private Observation readTask(FetchResult.Answered answer) {
        if (!answer.isWholeJson()) {
            return failed(answer, PollFailure.malformed(200, PollFailure.excerpt(answer.body())));
        }
        try {
            JsonNode root = TaskJson.MAPPER.readTree(answer.body());
            if (root == null || !root.isObject()) {
                return failed(answer, PollFailure.malformed(200, PollFailure.excerpt(answer.body())));
            }
            TaskDetail task = TaskJson.MAPPER.treeToValue(root, TaskDetail.class);
            return new Observation.TaskSeen(answer.ref(), task, root.get("result"), answer.attempts(),
                    answer.observedAt());
        } catch (IOException | IllegalArgumentException e) {
            return failed(answer, PollFailure.malformed(200, PollFailure.excerpt(answer.body())));
        }
    }

    private static PollFailure httpFailure(FetchResult.Answered answer) {
        int status = answer.httpStatus();
        JsonNode error = errorBody(answer.body());
        String code = text(error, "error_code", "code");
        String message = text(error, "error_msg", "message");
        String reason = switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 429 -> "throttled";
            case 400 -> NOT_FOUND_CODES.contains(code) ? "not-found" : "http-error";
            default -> "http-error";
        };
        String body = error == null ? PollFailure.excerpt(answer.body()) : null;
        return new PollFailure(reason, status, code, message, body, answer.isTransientFailure());
    }

    private static JsonNode errorBody(byte[] body) {
        try {
            JsonNode node = TaskJson.MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field, String fallback) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.hasNonNull(field) ? node.get(field) : node.get(fallback);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Observation failed(FetchResult fetched, PollFailure failure) {
        return new Observation.PollFailed(fetched.ref(), failure, fetched.attempts(), fetched.observedAt());
    }
}
