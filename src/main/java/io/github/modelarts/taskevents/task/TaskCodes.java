package io.github.modelarts.taskevents.task;

import java.util.Map;
import java.util.Optional;

/**
 * Meanings of ModelArts {@code code}/{@code error_code} values (docs/modelarts-api.md#progress-codes, #failure-codes):
 * the phase a progress code names, and the category of a failure code with whether running the task again may help.
 */
public final class TaskCodes {

    /** Failure category and whether a retry of the task may succeed. */
    public record Failure(String category, boolean retryable) {
    }

    private static final Map<String, String> PHASES = Map.ofEntries(
            Map.entry("ModelArts.4606", "sample-reviewed"),
            Map.entry("ModelArts.4900", "training-prepared"),
            Map.entry("ModelArts.4902", "exporting-labels"),
            Map.entry("ModelArts.4904", "labels-exported"),
            Map.entry("ModelArts.4910", "model-import-submitted"),
            Map.entry("ModelArts.4912", "model-imported"),
            Map.entry("ModelArts.4914", "auto-labeling-submitted"),
            Map.entry("ModelArts.4916", "auto-labeling-executed"),
            Map.entry("ModelArts.4918", "import-submitted"),
            Map.entry("ModelArts.4920", "import-executed"),
            Map.entry("ModelArts.4926", "hard-example-collection-submitted"),
            Map.entry("ModelArts.4950", "auto-inference-submitted"),
            Map.entry("ModelArts.4952", "auto-inference-executed"),
            Map.entry("ModelArts.4960", "auto-grouping-submitted"),
            Map.entry("ModelArts.4962", "auto-grouping-executed"),
            Map.entry("ModelArts.4964", "auto-grouping-running"),
            Map.entry("ModelArts.4996", "completed"));

    private static final Failure UNKNOWN = new Failure("unknown", false);
    private static final Failure USER_STOP = new Failure("stopped", false);

    private static final Map<String, Failure> FAILURES = Map.ofEntries(
            Map.entry("ModelArts.4901", new Failure("training", false)),
            Map.entry("ModelArts.4907", new Failure("training", false)),
            Map.entry("ModelArts.4909", new Failure("training", false)),
            Map.entry("ModelArts.4911", new Failure("model-import", false)),
            Map.entry("ModelArts.4913", new Failure("model-import", false)),
            Map.entry("ModelArts.4934", new Failure("model-import", false)),
            Map.entry("ModelArts.4915", new Failure("labeling", false)),
            Map.entry("ModelArts.4917", new Failure("labeling", false)),
            Map.entry("ModelArts.4921", new Failure("labeling", false)),
            Map.entry("ModelArts.4927", new Failure("labeling", false)),
            Map.entry("ModelArts.4929", new Failure("labeling", false)),
            Map.entry("ModelArts.4951", new Failure("inference", false)),
            Map.entry("ModelArts.4953", new Failure("inference", false)),
            Map.entry("ModelArts.4961", new Failure("grouping", false)),
            Map.entry("ModelArts.4963", new Failure("grouping", false)),
            Map.entry("ModelArts.4991", new Failure("resources", false)),
            // sold-out resources and system errors are the ones a later re-run can overcome
            Map.entry("ModelArts.4992", new Failure("resources", true)),
            Map.entry("ModelArts.4999", new Failure("system", true)),
            Map.entry("ModelArts.4614", new Failure("system", true)),
            Map.entry("ModelArts.4392", UNKNOWN),
            Map.entry("ModelArts.4393", USER_STOP));

    private TaskCodes() {
    }

    /** The phase of a progress code, or the status name when the code is missing or not documented. */
    public static String phase(String code, TaskStatus status) {
        return Optional.ofNullable(code).map(PHASES::get).orElse(status.displayName());
    }

    /**
     * Classifies a failed or stopped run: {@code error_code} first, as it is the more specific one; a stop
     * without a documented code is taken as a user's stop.
     */
    public static Failure failure(Outcome outcome, String errorCode, String code) {
        Failure failure = FAILURES.getOrDefault(errorCode == null ? "" : errorCode,
                FAILURES.getOrDefault(code == null ? "" : code, UNKNOWN));
        return failure == UNKNOWN && outcome == Outcome.STOPPED ? USER_STOP : failure;
    }
}
