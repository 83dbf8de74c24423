package io.github.modelarts.taskevents.task;

import java.util.Locale;

/** How a task run ended, and the CloudEvents type that announces it. */
public enum Outcome {
    SUCCEEDED, FAILED, STOPPED;

    public String ceType() {
        return "modelarts.task." + name().toLowerCase(Locale.ROOT);
    }
}
