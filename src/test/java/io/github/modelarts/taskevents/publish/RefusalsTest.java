package io.github.modelarts.taskevents.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.apache.camel.CamelExchangeException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** Which failed sends park their record (docs/events.md#delivery), as they reach the route: wrapped by Camel. */
class RefusalsTest {

    @Test
    void givenRefusalsAboutTheRecordOrItsTopic_whenJudged_thenForGood() {
        assertThat(Refusals.forGood(sent(new RecordTooLargeException("The message is 2000946 bytes"))))
                .get().isInstanceOf(RecordTooLargeException.class);
        assertThat(Refusals.forGood(sent(new TopicAuthorizationException("Not authorized to access topics"))))
                .get().isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void givenAMissingTopicAfterTheProducersWait_whenJudged_thenForGood_butAMissingBrokerNot() {
        TimeoutException missingTopic = new TimeoutException("Topic t not present in metadata after 5000 ms.",
                new UnknownTopicOrPartitionException("This server does not host this topic-partition."));

        assertThat(Refusals.forGood(sent(missingTopic))).get().isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(Refusals.forGood(sent(new TimeoutException("Topic t not present in metadata after 5000 ms."))))
                .isEmpty();
    }

    @Test
    void givenRefusalsThatAMomentOrAnOperatorMayLift_whenJudged_thenNotForGood() {
        assertThat(Refusals.forGood(sent(new NotEnoughReplicasException("fewer in-sync replicas")))).isEmpty();
        // not retriable for Kafka, but every record alike: parking would park them all
        assertThat(Refusals.forGood(sent(new ClusterAuthorizationException("idempotent write")))).isEmpty();
        assertThat(Refusals.forGood(sent(new AuthenticationException("SASL")))).isEmpty();
        assertThat(Refusals.forGood(new IllegalStateException("producer closed"))).isEmpty();
    }

    @Test
    void givenAWrappedRefusal_whenDescribed_thenByWhatKafkaAnswered() {
        Exception failure = sent(new TimeoutException("Expiring 1 record(s) for t-0: 3000 ms has passed"));

        assertThat(Refusals.describe(Refusals.innermost(failure)))
                .isEqualTo("TimeoutException: Expiring 1 record(s) for t-0: 3000 ms has passed");
    }

    private static Exception sent(Exception kafka) {
        return new CamelExchangeException("send failed", null, new ExecutionException(kafka));
    }
}
