package io.github.modelarts.taskevents.discover;

import io.github.modelarts.taskevents.read.ListPage;
import io.github.modelarts.taskevents.task.Observation;
import java.util.List;
import java.util.Optional;

/**
 * What one list call found: the pages read, each task on the first page that showed it, and why the
 * listing stopped early, if it did. Pages read before a failure are still good data.
 */
public record Listing(ListCall call, List<ListPage.Read> pages, Optional<Observation.PollFailed> failure) {
}
