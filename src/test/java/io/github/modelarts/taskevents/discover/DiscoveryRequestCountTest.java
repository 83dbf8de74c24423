package io.github.modelarts.taskevents.discover;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.modelarts.taskevents.simulator.RequestKind;
import io.github.modelarts.taskevents.testsupport.DatasetFixture;
import io.github.modelarts.taskevents.testsupport.Pipeline;
import io.github.modelarts.taskevents.testsupport.TopicReader;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What discovery costs in requests, counted by the simulator; docs/watching.md quotes these numbers. */
class DiscoveryRequestCountTest {
    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryRequestCountTest.class);
    private static final String DS = "dsCounted";

    @Test
    void given250RunningTasksPerType_whenPolledTwice_thenThreeListRequestsPerTypeAndCycleAndNoTaskGet()
            throws Exception {
        try (Pipeline pipeline = new Pipeline().with("modelarts.datasets", DS);
             TopicReader reader = pipeline.reader()) {
            DatasetFixture.put(pipeline.simulator(), DS, DatasetFixture.RUNNING, 250, 250, 250);
            pipeline.start();

            pipeline.poll();
            pipeline.poll();

            assertThat(pipeline.simulator().requestCount(RequestKind.TASK_LIST)).isEqualTo(2 * 3 * 3);
            assertThat(pipeline.simulator().requestCount(RequestKind.TASK)).isZero();
            assertThat(reader.await(750, r -> true)).hasSize(750);
        }
    }

    @Test
    void givenADatasetOf1000Tasks_whenPolledTwice_thenTwelveListRequestsACycleInsteadOfAGetPerTask()
            throws Exception {
        List<String> pairs = new ArrayList<>();
        List<Cycle> byList = cycles(pipeline -> pairs.addAll(putThousand(pipeline)),
                pipeline -> pipeline.with("modelarts.datasets", DS));
        List<Cycle> byTask = cycles(DiscoveryRequestCountTest::putThousand,
                pipeline -> pipeline.watching(pairs.toArray(String[]::new)));
        LOG.info("1,000 tasks, cycles 1 and 2: MODELARTS_DATASETS {}, MODELARTS_TASKS {}", byList, byTask);

        // 334, 333 and 333 tasks of the three types: four pages each, and the list says all an event needs
        assertThat(byList).extracting(Cycle::requests).containsExactly("12 list + 0 get", "12 list + 0 get");
        // every task in the first cycle, then the 499 unfinished ones (terminal ones wait for their re-check)
        assertThat(byTask).extracting(Cycle::requests).containsExactly("0 list + 1000 get", "0 list + 499 get");
    }

    private record Cycle(long lists, long gets, long millis) {
        String requests() {
            return lists + " list + " + gets + " get";
        }

        @Override
        public String toString() {
            return requests() + " in " + millis + " ms";
        }
    }

    private static List<Cycle> cycles(Consumer<Pipeline> tasks, Consumer<Pipeline> watching) throws Exception {
        try (Pipeline pipeline = new Pipeline()) {
            tasks.accept(pipeline);
            watching.accept(pipeline);
            pipeline.start();
            List<Cycle> cycles = new ArrayList<>();
            for (int cycle = 0; cycle < 2; cycle++) {
                pipeline.simulator().resetCounters();
                long start = System.nanoTime();
                pipeline.poll();
                cycles.add(new Cycle(pipeline.simulator().requestCount(RequestKind.TASK_LIST),
                        pipeline.simulator().requestCount(RequestKind.TASK), (System.nanoTime() - start) / 1_000_000));
            }
            return cycles;
        }
    }

    private static List<String> putThousand(Pipeline pipeline) {
        return DatasetFixture.put(pipeline.simulator(), DS, DatasetFixture.EVERY_STATUS, 334, 333, 333);
    }
}
