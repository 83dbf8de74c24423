package io.github.modelarts.taskevents.fetch;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Collects a response body up to a cap and then stops reading, so a huge or endless body cannot exhaust memory;
 * a body not complete in time is given up (the request timeout ends with the headers).
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<CappedBodySubscriber.Body> {

    /** The bytes read, and whether more were on offer. */
    record Body(byte[] bytes, boolean truncated) {
    }

    private final int cap;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private volatile Flow.Subscription subscription;

    /** @param timeoutNanos how long the body may take; then it fails with a {@link TimeoutException} */
    CappedBodySubscriber(int cap, long timeoutNanos) {
        this.cap = cap;
        // orTimeout's one shared timer thread, not a thread per body; it forgets the timer once the body is complete
        result.orTimeout(Math.max(0, timeoutNanos), TimeUnit.NANOSECONDS).whenComplete((body, failure) -> {
            Flow.Subscription stalled = subscription;
            if (failure instanceof TimeoutException && stalled != null) {
                stalled.cancel();
            }
        });
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            int room = cap - buffer.size();
            int take = Math.min(room, item.remaining());
            byte[] chunk = new byte[take];
            item.get(chunk);
            buffer.write(chunk, 0, take);
            if (item.hasRemaining()) {
                subscription.cancel();
                result.complete(new Body(buffer.toByteArray(), true));
                return;
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(new Body(buffer.toByteArray(), false));
    }
}
