package io.github.modelarts.taskevents.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.simulator.ModelArtsSimulator;
import io.github.modelarts.taskevents.testsupport.TaskBodies;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import io.github.modelarts.taskevents.testsupport.TopicReader.Received;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;

/** The tasks of a cluster test, running until the test ends them, and what must land on Kafka of them. */
final class ClusterEvents {
    static final String DS = "dsCluster";
    private static final Set<String> TERMINAL = Set.of("modelarts.task.succeeded", "modelarts.task.failed");

    private ClusterEvents() {
    }

    static List<String> taskIds(int count) {
        return IntStream.range(0, count).mapToObj(i -> "t" + i).toList();
    }

    /** The value of MODELARTS_TASKS for them. */
    static String[] refs(List<String> taskIds) {
        return taskIds.stream().map(id -> DS + "/" + id).toArray(String[]::new);
    }

    static void putRunning(ModelArtsSimulator simulator, List<String> taskIds) {
        taskIds.forEach(id -> simulator.putTask(DS, TaskBodies.task(id, 1, "ModelArts.4990")));
    }

    /** Even tasks succeed, odd ones fail. */
    static void end(ModelArtsSimulator simulator, List<String> taskIds) {
        for (String id : taskIds) {
            int number = Integer.parseInt(id.substring(1));
            simulator.updateTask(DS, id, number % 2 == 0
                    ? Map.of("status", 3, "code", "ModelArts.4996", "progress", 100.0)
                    : Map.of("status", 2, "code", "ModelArts.4917", "error_code", "ModelArts.4917",
                            "error_msg", "Failed to execute the auto labeling task."));
        }
    }

    /** Until each of the tasks has a terminal event on Kafka. */
    static void awaitTerminal(TopicReader reader, List<String> taskIds) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reader.all().stream()
                .filter(ClusterEvents::isTerminal).map(Received::key).collect(Collectors.toSet()).containsAll(taskIds));
    }

    /** Exactly one terminal event per task, of the type its end calls for, and no record twice. */
    static void assertEachOnce(TopicReader reader, List<String> taskIds) {
        List<Received> all = reader.all();
        Map<String, List<Received>> terminal = all.stream().filter(ClusterEvents::isTerminal)
                .collect(Collectors.groupingBy(Received::key));
        assertThat(terminal.keySet()).containsExactlyInAnyOrderElementsOf(taskIds);
        terminal.forEach((task, events) -> assertThat(events.stream().map(r -> r.header("ce_type")).distinct())
                .as(task).containsExactly(Integer.parseInt(task.substring(1)) % 2 == 0
                        ? "modelarts.task.succeeded" : "modelarts.task.failed"));
        Map<String, Long> copies = all.stream().collect(Collectors.groupingBy(r -> r.header("ce_id"),
                Collectors.counting()));
        assertThat(copies.entrySet().stream().filter(copy -> copy.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .as("records on Kafka more than once, by ce_id (of %d records)", all.size()).isEmpty();
        assertThat(terminal.values().stream().map(List::size).collect(Collectors.toSet()))
                .as("terminal events per task").containsExactly(1);
    }

    static boolean isTerminal(Received record) {
        return TERMINAL.contains(record.header("ce_type"));
    }
}
