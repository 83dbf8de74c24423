package io.github.modelarts.taskevents.replay;

import io.github.modelarts.taskevents.config.InvalidSettingsException;
import io.github.modelarts.taskevents.config.ReplaySettings;
import io.github.modelarts.taskevents.config.SettingsSource;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;

/**
 * {@code replay --since T [--until T] [--task ID] [--type CE_TYPE]}: re-publishes the published events the outbox
 * still holds, byte for byte, in the order they were recorded, and prints one line per event and a total. Consumers
 * drop them as duplicates by {@code ce_id} unless they ask for them again (a new consumer, a lost topic).
 */
public final class ReplayCommand {
    public static final int SENT = 0;
    public static final int FAILED = 1;
    public static final int BAD_ARGUMENTS = 2;

    private final Map<String, String> env;
    private final Map<String, String> overrides;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    /** {@code overrides} win over {@code env}, as in {@link SettingsSource#load}; {@code clock} judges retention. */
    public ReplayCommand(Map<String, String> env, Map<String, String> overrides, Clock clock, PrintStream out,
                         PrintStream err) {
        this.env = env;
        this.overrides = overrides;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Runs the replay and returns the process's exit status. */
    public int run(List<String> args) {
        ReplayRequest request;
        ReplaySettings settings;
        try {
            request = ReplayRequest.parse(args);
            settings = ReplaySettings.from(SettingsSource.load(env, overrides), env);
        } catch (ReplayRequest.BadArguments e) {
            err.println("replay: " + e.getMessage() + "\n" + ReplayRequest.USAGE);
            return BAD_ARGUMENTS;
        } catch (InvalidSettingsException e) {
            err.println(e.getMessage());
            return BAD_ARGUMENTS;
        }
        Duration retention = settings.state().retention();
        Instant retainedFrom = clock.instant().minus(retention);
        // shown to the second, rounded up, so that the time it names is one a replay accepts
        Instant earliest = retainedFrom.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        if (request.since().isBefore(retainedFrom)) {
            err.println("replay: --since " + request.since() + " is older than the outbox retains: published events"
                    + " are kept STATE_RETENTION_DAYS=" + retention.toDays() + " days, so since " + earliest
                    + " at the earliest");
            return BAD_ARGUMENTS;
        }
        try (RetainedOutbox outbox = RetainedOutbox.open(settings.state())) {
            List<RetainedEvent> events = outbox.published(request);
            Map<String, Integer> notReplayed = outbox.notPublished(request);
            if (!events.isEmpty()) {
                try (ReplayProducer producer = new ReplayProducer(settings)) {
                    producer.sendAll(events);
                }
            }
            events.forEach(event -> out.println(line(event)));
            out.println("replayed " + events.size() + (events.size() == 1 ? " event" : " events") + summary(notReplayed));
            return SENT;
        } catch (RetainedOutbox.Unreadable | IllegalStateException | KafkaException e) {
            // a KafkaException: the producer's configuration refused (Kafka hides the values of passwords)
            err.println("replay: " + e.getMessage());
            return FAILED;
        }
    }

    private static String line(RetainedEvent event) {
        return "sent " + event.ceId() + " " + event.type() + " to " + event.topic() + " key " + event.key()
                + " recorded " + event.createdAt();
    }

    /** Events of the window left out, so that an operator is not surprised by a total lower than expected. */
    private static String summary(Map<String, Integer> notReplayed) {
        StringBuilder summary = new StringBuilder();
        Integer pending = notReplayed.get("pending");
        Integer parked = notReplayed.get("parked");
        if (pending != null) {
            summary.append("; ").append(pending).append(" pending left to the service, which publishes them");
        }
        if (parked != null) {
            summary.append("; ").append(parked).append(" parked left out, as Kafka refused them for good");
        }
        return summary.toString();
    }
}
