package io.github.modelarts.taskevents.event;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one recipe for an event's stable {@code ce_id} and for its {@code ce_source}, within a project. Consumers
 * deduplicate on the id, so the recipe must never change: the same parts give the same id after a restart.
 */
final class EventIdentity {
    private final String projectId;

    EventIdentity(String projectId) {
        this.projectId = projectId;
    }

    String projectId() {
        return projectId;
    }

    /** A name-based UUID of the project and {@code parts}, one per line; a null part counts as empty. */
    String stableId(String... parts) {
        String name = projectId + '\n' + Arrays.stream(parts).map(part -> Objects.requireNonNullElse(part, ""))
                .collect(Collectors.joining("\n"));
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The source of the events about {@code subject} within the project, e.g. {@code datasets/{dataset_id}}. */
    String source(String subject) {
        return "/modelarts/" + projectId + "/" + subject;
    }
}
