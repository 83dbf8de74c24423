package io.github.modelarts.taskevents.state;

import io.github.modelarts.taskevents.event.TaskEvent;
import io.github.modelarts.taskevents.task.TaskMemory;
import io.github.modelarts.taskevents.task.TaskRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Records the polls of a cycle's threads in shared transactions: each caller hands its task's state and event over
 * and waits until they are committed, while one writer commits what has queued up meanwhile, up to
 * {@value #MAX_BATCH} at once. A commit per poll cost more than the poll itself with thousands of tasks (one
 * database lock, one write to disk each). The rules stay those of {@link StateStore#record}: a caller returns only
 * once its writes are durable, and a write the database refuses fails its own caller only, as a batch that fails is
 * written again one record at a time.
 */
public final class GroupCommit implements AutoCloseable {
    private static final int MAX_BATCH = 256;

    private final StateStore store;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;

    /** One caller's writes, and the caller waiting for them. */
    record Pending(TaskRef ref, TaskMemory memory, Optional<TaskEvent> event, CompletableFuture<Void> done) {
    }

    public GroupCommit(StateStore store) {
        this.store = store;
        this.writer = new Thread(this::write, "record-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** As {@link StateStore#record}, in a transaction shared with the callers of the moment. */
    public void record(TaskRef ref, TaskMemory memory, Optional<TaskEvent> event) {
        Pending pending = new Pending(ref, memory, event, new CompletableFuture<>());
        queue.add(pending);
        try {
            pending.done().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof StateStoreException refused ? refused
                    : new StateStoreException("Cannot record state of " + ref, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // the writer may still commit it: the next poll finds the task as recorded, or decides again
            throw new StateStoreException("Interrupted while recording " + ref, e);
        }
    }

    private void write() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            commit(batch);
            batch.clear();
        }
    }

    private void commit(List<Pending> batch) {
        try {
            store.recordAll(batch);
            batch.forEach(pending -> pending.done().complete(null));
        } catch (RuntimeException batchFailed) {
            // which write the database refused, if any, only each on its own tells
            for (Pending pending : batch) {
                try {
                    store.record(pending.ref(), pending.memory(), pending.event());
                    pending.done().complete(null);
                } catch (RuntimeException e) {
                    pending.done().completeExceptionally(e);
                }
            }
        }
    }

    @Override
    public void close() {
        writer.interrupt();
        for (Pending left; (left = queue.poll()) != null; ) {
            left.done().completeExceptionally(new StateStoreException("The state store is closing", null));
        }
    }
}
