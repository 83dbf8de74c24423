package io.github.modelarts.taskevents;

import io.github.modelarts.taskevents.classify.TaskClassifier;
import io.github.modelarts.taskevents.config.ObserveSettings;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.event.EventFactory;
import io.github.modelarts.taskevents.fetch.ApiPaths;
import io.github.modelarts.taskevents.fetch.ModelArtsClient;
import io.github.modelarts.taskevents.fetch.RequestPacer;
import io.github.modelarts.taskevents.fetch.TaskFetcher;
import io.github.modelarts.taskevents.fetch.auth.Authenticators;
import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import io.github.modelarts.taskevents.fetch.auth.StartupLogin;
import io.github.modelarts.taskevents.observe.Observability;
import io.github.modelarts.taskevents.publish.OutboxPublisher;
import io.github.modelarts.taskevents.read.ResponseReader;
import io.github.modelarts.taskevents.record.TaskRecorder;
import io.github.modelarts.taskevents.schedule.CycleDeadline;
import io.github.modelarts.taskevents.state.Database;
import io.github.modelarts.taskevents.state.OutboxRetention;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.watch.WatchList;
import io.github.modelarts.taskevents.watch.WatchSource;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.FluentProducerTemplate;
import org.apache.camel.main.Main;

/** Wires the stages of the pipeline from validated settings and runs them in Camel Main. */
public final class Application implements AutoCloseable {
    private final Main main = new Main();
    private final Database database;
    private final StateStore store;
    private final WatchList watchList;
    private final ExecutorService pollExecutor;
    private final RequestAuthenticator authenticator;

    public Application(Settings settings, SettingsSource source) {
        this(settings, source, Clock.systemUTC());
    }

    /** {@code clock} times tokens, signatures and observations: tests drive it instead of waiting. */
    public Application(Settings settings, SettingsSource source, Clock clock) {
        Observability observability = new Observability(ObserveSettings.from(source), clock);
        this.database = new Database(settings.state());
        this.store = new StateStore(database);
        this.watchList = new WatchList(settings.terminalRecheckCycles());
        Map<TaskRef, TaskMemory> remembered = store.loadTasks();
        settings.tasks().forEach(ref -> watchList.watch(ref, WatchSource.STATIC,
                remembered.getOrDefault(ref, TaskMemory.NEW)));

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.http().connectTimeout())
                .sslContext(settings.trustStore().sslContext())
                .build();
        this.authenticator = Authenticators.from(settings.credentials(), settings.projectId(), http,
                settings.http().readTimeout(), clock, observability.requests());
        ModelArtsClient client = new ModelArtsClient(http, authenticator,
                new RequestPacer(settings.http().maxRequestsPerSecond()), settings.http().retries(),
                settings.http().readTimeout(), settings.http().maxResponseBytes(), clock, observability.requests());
        this.pollExecutor = Executors.newFixedThreadPool(settings.http().maxConcurrentRequests(), daemonThreads());

        main.bind("watchList", watchList);
        main.bind("cycleDeadline", new CycleDeadline(settings.pollCycleBudget(), clock));
        main.bind("pollExecutor", pollExecutor);
        ApiPaths paths = new ApiPaths(settings.endpoint(), settings.projectId());
        ResponseReader responses = new ResponseReader();
        TaskClassifier classifier = new TaskClassifier(new EventFactory(settings.projectId(), settings.topics()),
                settings.pollErrorThreshold(), watchList::memory);
        main.bind("taskFetcher", new TaskFetcher(paths, client));
        main.bind("responseReader", responses);
        main.bind("taskClassifier", classifier);
        main.bind("taskRecorder", new TaskRecorder(store, watchList));
        main.bind("outboxPublisher", new OutboxPublisher(store, observability.publishing()));
        observability.bindTo(main, watchList, store);
        main.bind("outboxRetention", new OutboxRetention(store, settings.state().retention(), clock));
        Watching.bind(main, settings, new Watching.Stages(paths, client, responses, classifier), database, store,
                watchList, clock);
        source.asMap().forEach(main::addOverrideProperty);
        // bound last, so the values Settings validated are the ones the routes and Camel's components get
        settings.placeholders().forEach(main::addOverrideProperty);
    }

    /** Starts polling and returns; for tests and the demo. */
    public void start() throws Exception {
        StartupLogin.logIn(authenticator);
        main.start();
    }

    /** Runs one poll cycle now and returns when every due task is recorded: the tests' clock. */
    public void pollNow() throws java.io.IOException {
        try (FluentProducerTemplate template = main.getCamelContext().createFluentProducerTemplate()) {
            template.to("direct:poll-cycle").send();
        }
    }

    /** Runs until the JVM is asked to stop (SIGTERM, Ctrl-C), then shuts down gracefully. */
    public int run() throws Exception {
        StartupLogin.logIn(authenticator);
        main.run();
        return main.getExitCode();
    }

    public WatchList watchList() {
        return watchList;
    }

    public StateStore store() {
        return store;
    }

    /** The port of the management endpoints, once started: MANAGEMENT_PORT, or the one picked for 0. */
    public int managementPort() {
        return Observability.managementPort(main.getCamelContext());
    }

    @Override
    public void close() throws Exception {
        try {
            main.stop();
        } finally {
            pollExecutor.shutdownNow();
            database.close();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "poll-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
