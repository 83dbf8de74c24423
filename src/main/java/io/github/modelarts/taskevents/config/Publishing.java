package io.github.modelarts.taskevents.config;

import java.util.List;

/**
 * How the outbox reaches Kafka: in transactions, each with a record of its outbox rows on {@code commitsTopic}
 * (docs/cluster.md#exactly-once-publishing), batched by the producer for {@code lingerMs} and compressed.
 *
 * @param commitsTopic the compacted topic of the transactions' row records
 * @param lingerMs     how long the producer waits to fill a batch, in milliseconds
 * @param compression  Kafka's {@code compression.type} of the events
 */
public record Publishing(String commitsTopic, int lingerMs, String compression) {
    private static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    static Publishing from(SettingsReader read, Topics topics) {
        String commits = read.topic("topic.outbox.commits");
        if (List.of(topics.completed(), topics.failed(), topics.progress(), topics.errors(), topics.watch())
                .contains(commits)) {
            read.problem("topic.outbox.commits", "must differ from the event and watch topics: its records say which"
                    + " outbox rows a transaction holds, and are no events");
        }
        read.oneOf("kafka.compression.type", COMPRESSIONS, "Kafka's compression codecs");
        return new Publishing(commits, read.integer("kafka.linger.ms", 0, 1000), read.text("kafka.compression.type"));
    }
}
