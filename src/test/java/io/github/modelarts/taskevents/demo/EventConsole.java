package io.github.modelarts.taskevents.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.modelarts.taskevents.config.Topics;
import io.github.modelarts.taskevents.task.model.TaskJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the event topics as a consumer would and prints each event on one line a person can scan. */
final class EventConsole implements AutoCloseable {
    private static final Set<String> TERMINAL_TYPES = Set.of("modelarts.task.succeeded", "modelarts.task.failed",
            "modelarts.task.stopped");

    private final KafkaConsumer<String, String> consumer;
    private final PrintStream out;
    private final Map<String, String> terminalByTask = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    EventConsole(String bootstrapServers, Topics topics, PrintStream out) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // the publisher writes in transactions: only committed events count
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "modelarts-demo-console");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        this.out = out;
        consumer.subscribe(List.of(topics.completed(), topics.failed(), topics.progress(), topics.errors()));
        this.reader = new Thread(this::readLoop, "demo-console");
        reader.setDaemon(true);
        reader.start();
    }

    /** Task IDs with a terminal event seen on Kafka, and that event's type. */
    Map<String, String> terminalByTask() {
        return terminalByTask;
    }

    private void readLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    print(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    private void print(ConsumerRecord<String, String> record) {
        String type = header(record, "ce_type");
        try {
            JsonNode event = TaskJson.MAPPER.readTree(record.value());
            out.println(DemoFormat.line(record.topic(), type, event));
        } catch (IOException e) {
            out.println(record.topic() + "  " + record.value());
        }
        if (TERMINAL_TYPES.contains(type)) {
            terminalByTask.put(record.key(), type);
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        reader.join(5_000);
    }
}
