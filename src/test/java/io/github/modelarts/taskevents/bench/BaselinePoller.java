package io.github.modelarts.taskevents.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The practical ceiling the route is measured against: the least code that does the same job. Every
 * interval it GETs each task not yet ended with the JDK HttpClient on a fixed pool of threads, parses the
 * body and sends one record per task that has ended. No retries, no state, no outbox. Run as its own JVM
 * by the benchmark; it stops by itself after {@code BENCH_MAX_CYCLES} cycles.
 */
public final class BaselinePoller {
    private static final Set<Integer> TERMINAL = Set.of(2, 3, 5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Set<String> ended = ConcurrentHashMap.newKeySet();

    private BaselinePoller(KafkaProducer<String, String> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        List<String> urls = Files.readAllLines(Path.of(env.get("BENCH_TASK_URLS_FILE")));
        int concurrency = Integer.parseInt(env.get("BENCH_CONCURRENCY"));
        long intervalNanos = Long.parseLong(env.get("BENCH_INTERVAL_MS")) * 1_000_000;
        int maxCycles = Integer.parseInt(env.get("BENCH_MAX_CYCLES"));
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("BENCH_BOOTSTRAP"));
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            BaselinePoller poller = new BaselinePoller(producer, env.get("BENCH_TOPIC"));
            long start = System.nanoTime();
            for (int cycle = 1; cycle <= maxCycles; cycle++) {
                poller.cycle(urls, pool);
                long wait = start + cycle * intervalNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void cycle(List<String> urls, ExecutorService pool) throws Exception {
        List<Future<?>> polls = new ArrayList<>();
        for (String url : urls) {
            if (!ended.contains(url)) {
                polls.add(pool.submit(() -> poll(url)));
            }
        }
        for (Future<?> poll : polls) {
            poll.get();
        }
    }

    private Void poll(String url) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode task = MAPPER.readTree(response.body());
        if (TERMINAL.contains(task.path("status").asInt()) && ended.add(url)) {
            String taskId = task.path("task_id").asText();
            producer.send(new ProducerRecord<>(topic, taskId, task.toString()));
        }
        return null;
    }
}
