package io.github.modelarts.taskevents;

import io.github.modelarts.taskevents.classify.FailureStreaks;
import io.github.modelarts.taskevents.classify.StatusChanges;
import io.github.modelarts.taskevents.cluster.ClusteredQuartz;
import io.github.modelarts.taskevents.cluster.CycleRole;
import io.github.modelarts.taskevents.config.ClusterSettings;
import io.github.modelarts.taskevents.config.KafkaClient;
import io.github.modelarts.taskevents.config.ObserveSettings;
import io.github.modelarts.taskevents.config.Publishing;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.config.SettingsSource;
import io.github.modelarts.taskevents.discover.DiscoverySchedule;
import io.github.modelarts.taskevents.event.EventFactory;
import io.github.modelarts.taskevents.event.UnpublishableEvents;
import io.github.modelarts.taskevents.fetch.ApiPaths;
import io.github.modelarts.taskevents.fetch.FetchResults;
import io.github.modelarts.taskevents.fetch.ModelArtsHeaders;
import io.github.modelarts.taskevents.fetch.HttpTransport;
import io.github.modelarts.taskevents.fetch.RequestPacer;
import io.github.modelarts.taskevents.fetch.RequestSigning;
import io.github.modelarts.taskevents.fetch.auth.Authenticators;
import io.github.modelarts.taskevents.fetch.auth.IamTokenClient;
import io.github.modelarts.taskevents.fetch.auth.RequestAuthenticator;
import io.github.modelarts.taskevents.fetch.auth.StartupLogin;
import io.github.modelarts.taskevents.observe.Observability;
import io.github.modelarts.taskevents.publish.OutboxPublisher;
import io.github.modelarts.taskevents.publish.PublishListener;
import io.github.modelarts.taskevents.publish.TransactionalSender;
import io.github.modelarts.taskevents.record.TaskRecorder;
import io.github.modelarts.taskevents.schedule.CycleDeadline;
import io.github.modelarts.taskevents.state.Database;
import io.github.modelarts.taskevents.state.GroupCommit;
import io.github.modelarts.taskevents.state.OutboxRetention;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.github.modelarts.taskevents.task.model.TaskJson;
import io.github.modelarts.taskevents.watch.WatchList;
import io.github.modelarts.taskevents.watch.WatchSource;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apache.camel.FluentProducerTemplate;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Wires the stages of the pipeline from validated settings and runs them in Camel Main. */
public final class Application implements AutoCloseable {
    /** Started only once logged in, so that refused credentials stop start-up before any poll. */
    private static final String SCHEDULE_ROUTE = "poll-schedule";
    /** routes/publish-outbox.camel.yaml: a batch now. */
    private static final String PUBLISH_WAKE = "direct:publish-wake";

    private final Main main = new Main();
    private final Database database;
    private final StateStore store;
    private final WatchList watchList;
    private final ExecutorService pollExecutor;
    private final ExecutorService listingExecutor;
    private final RequestAuthenticator authenticator;
    private final OutboxPublisher publisher;
    private final GroupCommit commits;
    /** Cluster mode only: the clustered scheduler, started once logged in. */
    private final Optional<ClusteredQuartz> clusteredQuartz;

    public Application(Settings settings, SettingsSource source) {
        this(settings, source, Clock.systemUTC());
    }

    /** {@code clock} times tokens, signatures and observations: tests drive it instead of waiting. */
    public Application(Settings settings, SettingsSource source, Clock clock) {
        this(settings, source, clock, UnaryOperator.identity());
    }

    /**
     * {@code publishing} wraps what the publisher tells of each send: the seam through which a crash test stops the
     * JVM at an exact point of the publish path (between Kafka's acknowledgement and the outbox mark).
     */
    Application(Settings settings, SettingsSource source, Clock clock, UnaryOperator<PublishListener> publishing) {
        Observability observability = new Observability(ObserveSettings.from(source), clock);
        ClusterSettings cluster = ClusterSettings.from(source);
        this.database = new Database(settings.state());
        // in a cluster the next cycle may run on another node, so the failure streaks are shared too
        this.store = new StateStore(database, cluster.enabled());
        this.watchList = new WatchList(settings.terminalRecheckCycles(), settings.maxWatchedTasks());
        Map<TaskRef, TaskMemory> remembered = store.loadTasks();
        // Settings refuses more static tasks than MAX_WATCHED_TASKS, so every one of them finds room
        settings.tasks().forEach(ref -> watchList.watch(ref, WatchSource.STATIC,
                remembered.getOrDefault(ref, TaskMemory.NEW)));
        int maxConcurrentRequests = settings.http().maxConcurrentRequests();
        this.pollExecutor = Executors.newFixedThreadPool(maxConcurrentRequests, daemonThreads("poll"));
        this.listingExecutor = Executors.newFixedThreadPool(DiscoverySchedule.parallelListings(maxConcurrentRequests),
                daemonThreads("list"));

        Supplier<ProducerTemplate> camel = this::camelTemplate;
        this.authenticator = Authenticators.from(settings.credentials(), settings.projectId(), camel, clock,
                observability.requests());
        HttpTransport iamHttp = new HttpTransport(settings.http(), settings.trustStore().sslContext());
        main.bind(IamTokenClient.TRANSPORT, iamHttp);
        main.bind("modelArtsHttp", iamHttp.forModelArts(new RequestPacer(settings.http().maxRequestsPerSecond()),
                new RequestSigning(authenticator), observability.requests()));
        main.bind("fetchResults", new FetchResults(settings.http(), authenticator, clock));
        main.bind("apiPaths", new ApiPaths(settings.projectId()));
        main.bind("modelArtsHeaders", new ModelArtsHeaders());
        main.bind("countRetry", new FetchResults.CountRetry());
        main.bind("taskJson", TaskJson.MAPPER);

        EventFactory events = new EventFactory(settings.projectId(), settings.kafkaMaxRequestSize());
        FailureStreaks failureStreaks = new FailureStreaks(settings.pollErrorThreshold(), watchList::memory);
        main.bind("watchList", watchList);
        CycleDeadline deadline = new CycleDeadline(settings.pollCycleBudget(), clock);
        main.bind("cycleDeadline", deadline);
        main.bind("pollExecutor", pollExecutor);
        main.bind("listingExecutor", listingExecutor);
        main.bind("statusChanges", new StatusChanges(watchList::memory, settings.stallAfter()));
        main.bind("failureStreaks", failureStreaks);
        main.bind("taskEvents", events);
        // the publisher sends what a cycle recorded at once, not at its next tick
        this.commits = new GroupCommit(store, () -> camelTemplate().sendBody(PUBLISH_WAKE, null));
        main.bind("taskRecorder", new TaskRecorder(store, commits, watchList, events, settings.topics().errors(),
                clock, cluster.enabled()));
        CycleRole role = new CycleRole(cluster.enabled(), cluster.nodeId(), settings.pollCron(),
                cluster.checkinInterval(), clock);
        main.bind("cycleRole", role);
        this.clusteredQuartz = cluster.enabled() ? Optional.of(new ClusteredQuartz(cluster, database)) : Optional.empty();
        // found by its scheme's name, so routes/poll-tasks.camel.yaml schedules on the clustered job store
        clusteredQuartz.ifPresent(quartz -> main.bind("quartz", quartz.component()));
        // in a cluster only the node that runs the cycles publishes, so that the nodes do not fence each other
        this.publisher = new OutboxPublisher(store, sender(settings, source, cluster), role,
                publishing.apply(observability.publishing()),
                new UnpublishableEvents(settings.projectId(), settings.topics().errors(), clock));
        main.bind("outboxPublisher", publisher);
        observability.bindTo(main, watchList, store, role);
        main.bind("outboxRetention", new OutboxRetention(store, settings.state().retention(), clock));
        Watching.bind(main, settings, new Watching.Stages(camel, failureStreaks, events, deadline), database, store,
                watchList, clock, cluster.enabled());
        source.asMap().forEach(main::addOverrideProperty);
        // bound last, so the values Settings validated are the ones the routes and Camel's components get
        settings.placeholders().forEach(main::addOverrideProperty);
    }

    /** Starts polling and returns; for tests and the demo. */
    public void start() throws Exception {
        main.start();
        try {
            logInThenSchedule();
        } catch (RuntimeException e) {
            main.stop();
            throw e;
        }
    }

    /** Runs one poll cycle now and returns when every due task is recorded: the tests' clock. */
    public void pollNow() throws java.io.IOException {
        try (FluentProducerTemplate template = main.getCamelContext().createFluentProducerTemplate()) {
            template.to("direct:poll-cycle").send();
        }
    }

    /** Runs until the JVM is asked to stop (SIGTERM, Ctrl-C), then shuts down gracefully. */
    public int run() throws Exception {
        RuntimeException[] refused = new RuntimeException[1];
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                try {
                    logInThenSchedule();
                } catch (RuntimeException e) {
                    refused[0] = e;
                    main.completed();
                }
            }
        });
        main.run();
        if (refused[0] != null) {
            throw refused[0];
        }
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
            publisher.close();
            pollExecutor.shutdownNow();
            commits.close();
            listingExecutor.shutdownNow();
            database.close();
        }
    }

    /** IAM's token requests go through Camel, so the login waits for it; the first cycle waits for the login. */
    private void logInThenSchedule() {
        StartupLogin.logIn(authenticator);
        try {
            main.getCamelContext().getRouteController().startRoute(SCHEDULE_ROUTE);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the route " + SCHEDULE_ROUTE, e);
        }
        clusteredQuartz.ifPresent(ClusteredQuartz::startScheduler);
    }

    /**
     * The publisher's producer: the connection and timeouts of Camel's Kafka options, the cluster's transactional id,
     * and the record size the events are cut to.
     */
    private static TransactionalSender sender(Settings settings, SettingsSource source, ClusterSettings cluster) {
        Map<String, Object> client = new HashMap<>(KafkaClient.properties(source, System.getenv()));
        client.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrapServers());
        Publishing publishing = settings.publishing();
        Map<String, Object> producer = Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, cluster.transactionalId(settings.projectId()),
                ProducerConfig.CLIENT_ID_CONFIG, "modelarts-task-events-publisher-" + cluster.nodeId(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.kafkaMaxRequestSize(),
                ProducerConfig.LINGER_MS_CONFIG, publishing.lingerMs(),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, publishing.compression());
        return new TransactionalSender(client, producer, publishing.commitsTopic());
    }

    private ProducerTemplate camelTemplate() {
        try {
            return main.getCamelTemplate();
        } catch (Exception e) {
            throw new IllegalStateException("Camel has not started", e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
