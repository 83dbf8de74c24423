package io.github.modelarts.taskevents.fetch.auth;

/** What authentication tells the metrics: each IAM token request and whether it gave a token. */
public interface TokenListener {

    /** IAM was asked for a token (auth {@code password}): {@code obtained} or refused/unreachable. */
    void tokenRequested(boolean obtained);

    /** For authentication nobody measures. */
    TokenListener NONE = obtained -> {
    };
}
