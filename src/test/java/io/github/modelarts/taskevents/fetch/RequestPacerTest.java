package io.github.modelarts.taskevents.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RequestPacerTest {

    @Test
    void givenRateLimit_whenManyCallersAsk_thenTurnsAreSpacedByTheInterval() throws Exception {
        RequestPacer pacer = new RequestPacer(20);

        long started = System.nanoTime();
        for (int request = 0; request < 11; request++) {
            pacer.awaitTurn();
        }

        // 11 turns at 20 per second need at least 10 intervals of 50 ms
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void givenAPause_whenAnotherCallerAsks_thenItWaitsUntilThePauseEnds() throws Exception {
        RequestPacer pacer = new RequestPacer(0);
        pacer.pauseAll(Duration.ofMillis(400));

        long started = System.nanoTime();
        CompletableFuture.runAsync(() -> {
            try {
                pacer.awaitTurn();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(390));
    }
}
