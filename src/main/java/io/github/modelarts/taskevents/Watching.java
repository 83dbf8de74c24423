package io.github.modelarts.taskevents;

import io.github.modelarts.taskevents.classify.FailureStreaks;
import io.github.modelarts.taskevents.cluster.SharedState;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.discover.CycleCoverage;
import io.github.modelarts.taskevents.discover.CycleListings;
import io.github.modelarts.taskevents.discover.DiscoverySchedule;
import io.github.modelarts.taskevents.discover.ListFailures;
import io.github.modelarts.taskevents.discover.ListWalker;
import io.github.modelarts.taskevents.discover.ListedTasks;
import io.github.modelarts.taskevents.event.EventFactory;
import io.github.modelarts.taskevents.event.WatchRequestErrors;
import io.github.modelarts.taskevents.fetch.TaskLister;
import io.github.modelarts.taskevents.read.ListPageReader;
import io.github.modelarts.taskevents.read.ListedTaskReader;
import io.github.modelarts.taskevents.schedule.CycleDeadline;
import io.github.modelarts.taskevents.state.Database;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.state.WatchRequestStore;
import io.github.modelarts.taskevents.watch.RequestedWatches;
import io.github.modelarts.taskevents.watch.WatchJoiner;
import io.github.modelarts.taskevents.watch.WatchList;
import io.github.modelarts.taskevents.watch.WatchRequestConsumer;
import java.time.Clock;
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * Wires the beans of discovery (routes/discover-tasks.camel.yaml) and watch requests
 * (routes/watch-requests.camel.yaml), and restores the requested watches; see docs/watching.md.
 */
final class Watching {
    private Watching() {
    }

    /** What discovery shares with the poll of one task and with the cycle, built once by {@link Application}. */
    record Stages(Supplier<ProducerTemplate> camel, FailureStreaks failureStreaks, EventFactory events,
                  CycleDeadline deadline) {
    }

    /** Call after the static tasks have joined the watch list; {@code clustered}: the state is shared (cluster mode). */
    static void bind(Main main, Settings settings, Stages stages, Database database, StateStore store,
                     WatchList watchList, Clock clock, boolean clustered) {
        WatchJoiner joiner = new WatchJoiner(watchList, store);
        RequestedWatches requested = new RequestedWatches(new WatchRequestStore(database), watchList, joiner,
                settings.state().retention(), clock);
        requested.restore();
        CycleCoverage coverage = new CycleCoverage();
        ListFailures listFailures = new ListFailures(stages.failureStreaks(), stages.events(),
                settings.topics().errors(), store);

        main.bind("discovery", new DiscoverySchedule(settings.datasets(), settings.discoveryEveryCycles(),
                DiscoverySchedule.parallelListings(settings.http().maxConcurrentRequests()), coverage));
        main.bind("cycleListings", new CycleListings(stages.camel(), stages.deadline()));
        main.bind("listCoverage", coverage);
        main.bind("listWalker", new ListWalker(new TaskLister(stages.camel()), new ListPageReader(), stages.deadline(),
                settings.discoveryMaxPages(), clock));
        main.bind("listFailures", listFailures);
        main.bind("listedTasks", new ListedTasks(new ListedTaskReader(), watchList, joiner, requested, coverage,
                listFailures));
        main.bind("requestedWatches", requested);
        main.bind("sharedState", new SharedState(clustered, store, watchList, requested));
        main.bind("watchRequests", new WatchRequestConsumer(requested,
                new WatchRequestErrors(settings.projectId(), settings.topics().errors(), clock), store, watchList));
    }
}
