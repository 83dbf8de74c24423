package io.github.modelarts.taskevents.publish;

import io.github.modelarts.taskevents.state.OutboxRecord;
import java.util.List;
import java.util.Map;

/**
 * How one transaction of the publisher ended.
 *
 * @param committed the records Kafka committed, in the order sent; empty unless the transaction committed
 * @param refused   the records Kafka refused, each with its own refusal; the transaction was aborted
 * @param failure   what failed the transaction as a whole (Kafka away, the producer fenced, an uncertain commit, an
 *                  abort Kafka did not confirm): the producer is closed, and nothing was committed that a new one would
 *                  not find in the {@link CommitLog}; null otherwise
 */
// the factories are named apart from the accessors: the route's simple expressions call committed() by name
public record TransactionResult(List<OutboxRecord> committed, Map<OutboxRecord, Throwable> refused, Exception failure) {

    static TransactionResult ofCommit(List<OutboxRecord> records) {
        return new TransactionResult(records, Map.of(), null);
    }

    static TransactionResult ofRefusals(Map<OutboxRecord, Throwable> refused) {
        return new TransactionResult(List.of(), refused, null);
    }

    static TransactionResult ofFailure(Exception failure) {
        return new TransactionResult(List.of(), Map.of(), failure);
    }
}
