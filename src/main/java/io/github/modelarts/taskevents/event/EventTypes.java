package io.github.modelarts.taskevents.event;

/** The {@code ce_type} values that are not an outcome's (those come from {@code Outcome#ceType()}). */
public final class EventTypes {
    public static final String PROGRESS = "modelarts.task.progress";
    public static final String ERROR = "modelarts.task.error";
    public static final String STALLED = "modelarts.task.stalled";

    private EventTypes() {
    }
}
