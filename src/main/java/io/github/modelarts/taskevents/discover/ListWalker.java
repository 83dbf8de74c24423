package io.github.modelarts.taskevents.discover;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.fetch.TaskLister;
import io.github.modelarts.taskevents.read.ListPage;
import io.github.modelarts.taskevents.read.ListPageReader;
import io.github.modelarts.taskevents.fetch.FetchResult;
import io.github.modelarts.taskevents.schedule.CycleDeadline;
import io.github.modelarts.taskevents.task.PollFailure;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads every page of one list call. It stops at an empty or short page, once {@code total_count} tasks
 * have been seen, at the first failed page, or at a page that shows no task not seen before: a server
 * that ignores {@code offset} would otherwise be asked forever. A listing also ends, incomplete, after
 * {@code discovery.max.pages} pages and once discovery's share of the cycle budget is spent: a dataset of
 * very many tasks, or a slow list API, must not keep the cycle from polling the watched tasks.
 */
public final class ListWalker {
    /** The reason of a listing cut short by the page cap or the budget, reported like a failed list call. */
    private static final String INCOMPLETE = "listing-incomplete";

    private final TaskLister lister;
    private final ListPageReader reader;
    private final CycleDeadline deadline;
    private final int maxPages;
    private final Clock clock;

    public ListWalker(TaskLister lister, ListPageReader reader, CycleDeadline deadline, int maxPages, Clock clock) {
        this.lister = lister;
        this.reader = reader;
        this.deadline = deadline;
        this.maxPages = maxPages;
        this.clock = clock;
    }

    public Listing walk(ListCall call) {
        Set<String> seen = new HashSet<>();
        List<ListPage.Read> pages = new ArrayList<>();
        for (int index = 0; ; index++) {
            if (index == maxPages) {
                return incomplete(call, pages, "stopped at DISCOVERY_MAX_PAGES (" + maxPages + " pages of "
                        + TaskLister.PAGE_SIZE + ") before offset " + index + " of the " + call.type()
                        + " tasks; the pages from there on are not listed");
            }
            if (!deadline.discoveryInTime()) {
                return incomplete(call, pages, "discovery's share of the cycle budget ("
                        + deadline.discoveryShare().toMillis() + " ms, half of POLL_CYCLE_BUDGET_MS) was spent before "
                        + "offset " + index + " of the " + call.type()
                        + " tasks; the pages from there on are not listed in this cycle");
            }
            ListPage page = reader.read(lister.page(call.datasetId(), call.type(), index));
            if (page instanceof ListPage.Failed failed) {
                return new Listing(call, pages, Optional.of(failed.failed()));
            }
            ListPage.Read read = (ListPage.Read) page;
            List<JsonNode> fresh = read.tasks().stream().filter(task -> seen.add(task.path("task_id").asText()))
                    .toList();
            if (!read.tasks().isEmpty() && fresh.isEmpty()) {
                return new Listing(call, pages, Optional.of(repeated(call, index, read)));
            }
            pages.add(new ListPage.Read(fresh, read.totalCount(), read.attempts(), read.observedAt()));
            boolean last = read.tasks().size() < TaskLister.PAGE_SIZE
                    || read.totalCount() != null && seen.size() >= read.totalCount();
            if (last) {
                return new Listing(call, pages, Optional.empty());
            }
        }
    }

    private Listing incomplete(ListCall call, List<ListPage.Read> pages, String why) {
        PollFailure failure = new PollFailure(INCOMPLETE, null, null, why, null, false);
        return new Listing(call, pages, Optional.of(new FetchResult(failure, 0, clock.instant())));
    }

    private static FetchResult repeated(ListCall call, int index, ListPage.Read page) {
        PollFailure failure = new PollFailure("repeated-page", 200, null, "page " + index + " of the "
                + call.type() + " tasks shows only tasks of earlier pages; the listing stopped there", null, false);
        return new FetchResult(failure, page.attempts(), page.observedAt());
    }
}
