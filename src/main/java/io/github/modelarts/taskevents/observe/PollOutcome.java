package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.task.PollFailure;
import java.util.Locale;

/** How one poll ended, as the {@code outcome} label of the polls counter: a small, fixed set of values. */
enum PollOutcome {
    OK, HTTP_4XX, HTTP_5XX, HTTP_OTHER, TIMEOUT, CONNECTION, MALFORMED, AUTH;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PollOutcome of(FetchResult fetched) {
        if (fetched.answered()) {
            return OK;
        }
        PollFailure failure = fetched.failure();
        return switch (failure.reason()) {
            case "malformed-response" -> MALFORMED;
            case "timeout" -> TIMEOUT;
            case "connection-error" -> CONNECTION;
            default -> byStatus(failure.httpStatus());
        };
    }

    private static PollOutcome byStatus(Integer status) {
        if (status == null) {
            // no request went out: the credentials could not be obtained (IAM refused or unreachable)
            return AUTH;
        }
        return status >= 500 ? HTTP_5XX : status >= 400 ? HTTP_4XX : HTTP_OTHER;
    }
}
