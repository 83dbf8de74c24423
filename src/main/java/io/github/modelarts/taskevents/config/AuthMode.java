package io.github.modelarts.taskevents.config;

import java.util.Locale;

/** How requests to ModelArts are authenticated ({@code MODELARTS_AUTH}). */
public enum AuthMode {
    NONE, TOKEN, PASSWORD, AKSK;

    static AuthMode parse(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
