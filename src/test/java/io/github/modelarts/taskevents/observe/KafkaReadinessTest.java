package io.github.modelarts.taskevents.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.config.Secret;
import io.github.modelarts.taskevents.config.Settings;
import io.github.modelarts.taskevents.event.EventTypes;
import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.state.Database;
import io.github.modelarts.taskevents.state.OutboxRecord;
import io.github.modelarts.taskevents.state.StateStore;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kafka readiness check against a real state database: the backlog bound, refused and parked events. */
class KafkaReadinessTest {
    @TempDir
    Path dir;
    private Database database;
    private StateStore store;
    private final PublishMonitor publishing = new PublishMonitor(new SimpleMeterRegistry());
    private KafkaReadiness check;

    @BeforeEach
    void openStore() {
        database = new Database(new Settings.State(dir, "", "", new Secret(""), Duration.ofDays(7)));
        store = new StateStore(database);
        check = new KafkaReadiness(publishing, store, 1);
        check.setCamelContext(new DefaultCamelContext());
    }

    @AfterEach
    void closeStore() {
        database.close();
    }

    @Test
    void givenMoreEventsWaitingThanTheBound_whenChecked_thenDownNamingTheBound_andUpOnceDrained() {
        record("a");
        assertThat(check.call().getState()).as("at the bound").isEqualTo(HealthCheck.State.UP);
        record("b");

        HealthCheck.Result past = check.call();

        assertThat(past.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(past.getMessage())
                .hasValue("Outbox backlog 2 is over READY_MAX_BACKLOG (1): Kafka does not keep up");
        store.markPublished(store.pending(10, Set.of()).stream().map(OutboxRecord::seq).toList());
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void givenAnEventKafkaRefusedForNow_whenChecked_thenDownNamingItAndTheCause_untilKafkaTakesIt() {
        record("a");
        OutboxRecord refused = store.pending(1, Set.of()).get(0);
        publishing.refusedForNow(refused, "TimeoutException: Topic t not present in metadata after 5000 ms.");

        HealthCheck.Result failing = check.call();

        assertThat(failing.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(failing.getMessage()).hasValue("Kafka did not acknowledge event id-a to topic (TimeoutException:"
                + " Topic t not present in metadata after 5000 ms.); it is sent again after a pause and the later"
                + " events of its task wait (tasks held back: 1, outbox backlog: 1)");
        publishing.published(refused);
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void givenKafkaTakingNoTransaction_whenChecked_thenDown_untilOneCommits_orAnotherNodePublishes() {
        record("a");
        OutboxRecord waiting = store.pending(1, Set.of()).get(0);
        publishing.transactionsFailing("TimeoutException: Timeout expired after 5000ms while awaiting InitProducerId");

        HealthCheck.Result failing = check.call();

        assertThat(failing.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(failing.getMessage()).hasValue("Kafka takes no transaction now (TimeoutException: Timeout expired"
                + " after 5000ms while awaiting InitProducerId); the outbox waits for it (outbox backlog: 1)");
        publishing.published(waiting);
        assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);

        publishing.transactionsFailing("ProducerFencedException: There is a newer producer with the same id");
        publishing.refusedForNow(waiting, "TimeoutException: Expiring 1 record(s)");
        publishing.standingBy();
        assertThat(check.call().getState()).as("a standby waits for no send of its own").isEqualTo(HealthCheck.State.UP);
    }

    @Test
    void givenAParkedEvent_whenChecked_thenUpNamingItAndWhyKafkaRefusedIt() {
        record("a");
        OutboxRecord parked = store.pending(1, Set.of()).get(0);
        publishing.refusedForNow(parked, "NotEnoughReplicasException: fewer in-sync replicas than required");
        store.park(parked.seq(), Optional.empty());
        publishing.parked(parked, "RecordTooLargeException", "RecordTooLargeException: The message is 2000946 bytes");

        HealthCheck.Result result = check.call();

        assertThat(result.getState()).as("a parked event holds nothing back").isEqualTo(HealthCheck.State.UP);
        assertThat(result.getMessage()).hasValue("1 parked event(s) Kafka refused for good, each with an"
                + " unpublishable-event error event; the last: event id-a to topic parked: RecordTooLargeException:"
                + " The message is 2000946 bytes");
        assertThat(result.getDetails()).containsEntry("parked", 1L).containsEntry("backlog", 0L);
    }

    private void record(String taskId) {
        TaskEvent event = new TaskEvent("topic", taskId, "id-" + taskId, EventTypes.PROGRESS, "/source", taskId,
                Instant.now(), "{}");
        store.record(new TaskRef("ds", taskId), TaskMemory.NEW, Optional.of(event));
    }
}
