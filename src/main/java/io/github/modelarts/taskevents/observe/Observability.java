package io.github.modelarts.taskevents.observe;

import io.github.modelarts.taskevents.config.ObserveSettings;
import io.github.modelarts.taskevents.fetch.RequestListener;
import io.github.modelarts.taskevents.publish.PublishListener;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.watch.WatchList;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.main.Main;

/**
 * The operators' view (docs/observability.md). Camel's management server serves it on MANAGEMENT_PORT:
 * its health checks with the readiness checks bound here, its Prometheus scrape of the registry bound here,
 * and the {@code observe-tasks} route. The listeners go to the client and the publisher.
 */
public final class Observability {
    private final ObserveSettings settings;
    private final Clock clock;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RequestMetrics requests = new RequestMetrics(registry);
    private final PublishMonitor publishing = new PublishMonitor(registry);
    private final PollMonitor polls;

    public Observability(ObserveSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.polls = new PollMonitor(registry, clock);
    }

    public RequestListener requests() {
        return requests;
    }

    public PublishListener publishing() {
        return publishing;
    }

    /**
     * Binds the registry, the readiness checks and the beans the routes use, with the gauges of this node's
     * {@code role}; a cluster node also tells it in its readiness details.
     */
    public void bindTo(Main main, WatchList watchList, StateStore store, NodeRole role) {
        StateGauges.register(registry, watchList, store, clock);
        // a single instance too, so that one alert rule fits both: it runs the cycles and publishes
        ClusterGauges.register(registry, role);
        if (role.clustered()) {
            main.bind("clusterReadiness", new ClusterReadiness(role));
        }
        // Camel's micrometer support finds the registry by this name and adds its own meters to it
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, registry);
        main.bind("pollMonitor", polls);
        main.bind("tasksView", new TasksView(watchList));
        main.bind("tasksAccess", new TasksAccess(settings.managementToken()));
        main.bind("kafkaReadiness", new KafkaReadiness(publishing, store, settings.readyMaxBacklog()));
        main.bind("apiReadiness", new ApiReadiness(polls, settings.readyApiFailureCycles(), role));
    }

    /** The port the management endpoints listen on; with MANAGEMENT_PORT=0 the one the system picked. */
    public static int managementPort(CamelContext context) {
        return context.hasService(VertxPlatformHttpServer.class).getPort();
    }
}
