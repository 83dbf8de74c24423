package io.github.modelarts.taskevents.demo;

/**
 * The simulator's clock in the demo: it stands at zero until the pipeline has started, so the
 * scenario's timeline plays in full however long start-up takes on a busy machine.
 */
final class DemoTimeline {
    private volatile long beganAtNanos;
    private volatile boolean began;

    void begin() {
        beganAtNanos = System.nanoTime();
        began = true;
    }

    long elapsedMillis() {
        return began ? (System.nanoTime() - beganAtNanos) / 1_000_000 : 0;
    }
}
