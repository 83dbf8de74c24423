package io.github.modelarts.taskevents.config;

/** A credential that must never be printed: {@link #toString()} hides it, {@link #reveal()} is the only way in. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = value;
    }

    public String reveal() {
        return value;
    }

    public boolean isBlank() {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "***";
    }
}
