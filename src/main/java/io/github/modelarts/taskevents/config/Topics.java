package io.github.modelarts.taskevents.config;

/** The Kafka topics of the contract. */
public record Topics(String completed, String failed, String progress, String errors, String watch) {
}
