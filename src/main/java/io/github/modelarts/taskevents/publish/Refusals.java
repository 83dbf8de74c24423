package io.github.modelarts.taskevents.publish;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Which failed sends Kafka would refuse again however long the outbox waited: those about the record itself or its
 * topic. The record is parked instead of holding back the events after it.
 *
 * <p>Kafka's own split is not the one that matters here: a {@code RetriableException} reaches the publisher only after
 * the producer has retried it for {@code max.block.ms} (metadata) or {@code delivery.timeout.ms} (the send), and some
 * errors that are not retriable concern every record alike (cluster authorization, authentication, an unsupported
 * version): parking for those would park every event, so like any failure not listed here they are retried, with the
 * later events of the record's task waiting behind it.
 */
final class Refusals {
    /**
     * Refused for good. {@code UnknownTopicOrPartitionException} is retriable for Kafka, but it arrives as the cause of
     * the producer's {@code TimeoutException} once the broker has answered for the whole of {@code max.block.ms} that
     * the topic does not exist (and may not be created): it takes an operator to create it.
     */
    private static final List<Class<? extends Exception>> FOR_GOOD = List.of(RecordTooLargeException.class,
            RecordBatchTooLargeException.class, InvalidRecordException.class, InvalidTopicException.class,
            TopicAuthorizationException.class, UnknownTopicOrPartitionException.class);

    private Refusals() {
    }

    /** The refusal in {@code failure}'s chain of causes that no retry would change; empty when a retry may help. */
    static Optional<Throwable> forGood(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Throwable candidate = cause;
            if (FOR_GOOD.stream().anyMatch(type -> type.isInstance(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The innermost cause of a failed send, which says what Kafka answered; Camel's wrappers are outside it. */
    static Throwable innermost(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** {@code SimpleName: message}, for a log line, the readiness check and an error event. */
    static String describe(Throwable refusal) {
        return refusal.getClass().getSimpleName() + ": " + refusal.getMessage();
    }
}
