package io.github.modelarts.taskevents.state;

import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the polls of a cycle in shared transactions: each caller hands its task's state and event over and goes
 * on with its next task, while one writer commits what has queued up meanwhile, up to {@value #MAX_BATCH} at once,
 * and then tells each caller's {@link Outcome}. A commit per poll cost more than the poll itself with thousands of
 * tasks (one database lock, one write to disk each), and a poll thread waiting for its own commit left the batches
 * as small as the number of threads. The rules stay those of {@link StateStore#record}: an outcome hears
 * {@code durable} only once its writes are committed, and a write the database refuses fails its own outcome only,
 * as a batch that fails is written again one record at a time.
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final int MAX_BATCH = 256;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);
    /** Handed over last by {@link #close}: the writer stops after the writes before it. */
    private static final Pending CLOSE = new Pending(null, null, Optional.empty(), null, new CompletableFuture<>());

    private final StateStore store;
    private final Runnable eventsCommitted;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    /** The last write handed over: the writer tells outcomes in order, so once it is done, all before it are. */
    private volatile Pending last;

    /** What a caller learns of its writes, from the writer's thread. */
    public interface Outcome {
        /** The writes are committed. */
        void durable();

        /** The database refused them: nothing of them is stored. */
        void refused(StateStoreException refusal);
    }

    /** One caller's writes, and what it learns of them. */
    record Pending(TaskRef ref, TaskMemory memory, Optional<TaskEvent> event, Outcome outcome,
                   CompletableFuture<Void> told) {
    }

    /** {@code eventsCommitted} runs on the writer's thread after each transaction that holds an event. */
    public GroupCommit(StateStore store, Runnable eventsCommitted) {
        this.store = store;
        this.eventsCommitted = eventsCommitted;
        this.writer = new Thread(this::write, "record-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** As {@link StateStore#record}, in a transaction shared with the callers of the moment; returns at once. */
    public void record(TaskRef ref, TaskMemory memory, Optional<TaskEvent> event, Outcome outcome) {
        Pending pending = new Pending(ref, memory, event, outcome, new CompletableFuture<>());
        last = pending;
        queue.add(pending);
    }

    /** Returns once every write handed over so far is committed or refused, and its outcome told. */
    public void flush() {
        Pending waitFor = last;
        if (waitFor != null) {
            waitFor.told().join();
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            boolean closing = batch.remove(CLOSE);
            if (!batch.isEmpty()) {
                commit(batch);
            }
            if (batch.stream().anyMatch(pending -> pending.event().isPresent())) {
                wake();
            }
            batch.clear();
            if (closing) {
                return;
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            store.recordAll(batch);
            batch.forEach(pending -> tell(pending, null));
        } catch (RuntimeException batchFailed) {
            // which write the database refused, if any, only each on its own tells
            for (Pending pending : batch) {
                try {
                    store.record(pending.ref(), pending.memory(), pending.event());
                    tell(pending, null);
                } catch (StateStoreException e) {
                    tell(pending, e);
                } catch (RuntimeException e) {
                    tell(pending, new StateStoreException("Cannot record state of " + pending.ref(), e));
                }
            }
        }
    }

    private void wake() {
        try {
            eventsCommitted.run();
        } catch (RuntimeException e) {
            // the publisher's timer sends the events all the same
            LOG.debug("Could not wake the publisher: {}", e.toString());
        }
    }

    private static void tell(Pending pending, StateStoreException refusal) {
        try {
            if (refusal == null) {
                pending.outcome().durable();
            } else {
                pending.outcome().refused(refusal);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not act on the recording of {}: {}", pending.ref(), e.toString());
        } finally {
            pending.told().complete(null);
        }
    }

    /** Commits what was handed over before, then stops the writer; not interrupted, as H2 takes that badly. */
    @Override
    public void close() {
        queue.add(CLOSE);
        try {
            writer.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
