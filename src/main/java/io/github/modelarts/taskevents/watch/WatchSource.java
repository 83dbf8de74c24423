package io.github.modelarts.taskevents.watch;

/** How a task came to be watched. */
public enum WatchSource {
    STATIC, DISCOVERED, REQUESTED
}
