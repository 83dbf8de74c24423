package io.github.modelarts.taskevents.publish;

/**
 * Whether this instance may publish the outbox now. In a cluster only the node that runs the poll cycles does, so
 * that the nodes do not fence each other's transactions at every batch; a single instance always may.
 */
@FunctionalInterface
public interface PublishPermit {
    PublishPermit ALWAYS = () -> true;

    boolean granted();
}
