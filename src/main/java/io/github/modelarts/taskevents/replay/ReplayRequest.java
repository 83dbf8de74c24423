package io.github.modelarts.taskevents.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * What to replay: the events recorded in {@code [since, until)}, of one task (its key) and one {@code ce_type} when
 * given. {@code until} is open-ended when absent.
 */
record ReplayRequest(Instant since, Optional<Instant> until, Optional<String> task, Optional<String> type) {

    static final String USAGE = "Usage: java -jar modelarts-task-events.jar replay --since <RFC 3339>"
            + " [--until <RFC 3339>] [--task <task_id>] [--type <ce_type>]\n"
            + "Re-publishes the published events the outbox retains, recorded from --since (inclusive) to --until"
            + " (exclusive), with their original topic, key, headers and value. Settings as the service's (README.md).";

    /** Thrown for arguments that do not form a request; its message says which one and why. */
    static final class BadArguments extends IllegalArgumentException {
        BadArguments(String message) {
            super(message);
        }
    }

    static ReplayRequest parse(List<String> args) {
        Instant since = null;
        Instant until = null;
        String task = null;
        String type = null;
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new BadArguments(option + " needs a value");
            }
            String value = args.get(i + 1);
            switch (option) {
                case "--since" -> since = time(option, value);
                case "--until" -> until = time(option, value);
                case "--task" -> task = nonBlank(option, value);
                case "--type" -> type = nonBlank(option, value);
                default -> throw new BadArguments("unknown argument '" + option + "'");
            }
        }
        if (since == null) {
            throw new BadArguments("--since is required");
        }
        if (until != null && !until.isAfter(since)) {
            throw new BadArguments("--until (" + until + ") must be after --since (" + since + ")");
        }
        return new ReplayRequest(since, Optional.ofNullable(until), Optional.ofNullable(task),
                Optional.ofNullable(type));
    }

    private static Instant time(String option, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadArguments(option + " must be an RFC 3339 time such as 2026-11-27T09:00:00Z, got '" + value
                    + "'");
        }
    }

    private static String nonBlank(String option, String value) {
        if (value.isBlank()) {
            throw new BadArguments(option + " must not be empty");
        }
        return value;
    }
}
