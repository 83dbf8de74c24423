package io.github.modelarts.taskevents.fetch.auth;

/** Argument checks whose messages name the missing setting, never its value (it may be a secret). */
final class Required {
    private Required() {
    }

    static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
