package io.github.modelarts.taskevents.discover;

import io.github.modelarts.taskevents.schedule.CycleDeadline;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RuntimeCamelException;

/**
 * Runs a cycle's listings (route {@code discover-tasks}) beside the cycle. The cycle waits for them only until
 * discovery's share of the budget is spent, then polls its due tasks: a list call that answers late must not
 * take the watched tasks' turn. Listings still waiting for a page then finish it, and the cycle waits for them
 * before it ends, so that no listing runs into the next cycle.
 */
public final class CycleListings {
    private final Supplier<ProducerTemplate> camel;
    private final CycleDeadline deadline;
    private volatile CompletableFuture<Exchange> running = CompletableFuture.completedFuture(null);

    /** {@code camel} is asked once Camel has started: the template does not exist before. */
    public CycleListings(Supplier<ProducerTemplate> camel, CycleDeadline deadline) {
        this.camel = camel;
        this.deadline = deadline;
    }

    /** A poll-cycle step: starts {@code calls} and returns once they are done or discovery's share is spent. */
    public void start(List<ListCall> calls) throws InterruptedException {
        running = calls.isEmpty() ? CompletableFuture.completedFuture(null)
                : camel.get().asyncSend("direct:discover-tasks", exchange -> exchange.getMessage().setBody(calls));
        try {
            running.get(deadline.discoveryMillisLeft(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the listings go on beside the task polls; if they failed, finish says so once the polls had their turn
        }
    }

    /** A poll-cycle step before the cycle ends: returns once every listing of the cycle has ended. */
    public void finish() throws InterruptedException, ExecutionException {
        Exchange done = running.get();
        if (done != null && done.getException() != null) {
            throw RuntimeCamelException.wrapRuntimeException(done.getException());
        }
    }
}
