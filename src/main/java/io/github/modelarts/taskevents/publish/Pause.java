package io.github.modelarts.taskevents.publish;

import java.time.Duration;

/** A wait before sending again: 1 s after the first refusal, then twice as long after each, up to 30 s. */
record Pause(Duration length, long untilNanos) {
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofSeconds(30);

    static Pause first() {
        return from(FIRST);
    }

    Pause next() {
        Duration doubled = length.multipliedBy(2);
        return from(doubled.compareTo(LONGEST) > 0 ? LONGEST : doubled);
    }

    boolean isOver() {
        return System.nanoTime() - untilNanos >= 0;
    }

    private static Pause from(Duration length) {
        return new Pause(length, System.nanoTime() + length.toNanos());
    }
}
