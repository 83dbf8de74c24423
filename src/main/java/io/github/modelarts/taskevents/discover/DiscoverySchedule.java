package io.github.modelarts.taskevents.discover;

import java.util.List;

/**
 * Decides when the datasets are listed: in the first cycle and every {@code discovery.every.cycles} cycles
 * after it. Each cycle starts here, so it also starts the cycle's {@link CycleCoverage}.
 */
public final class DiscoverySchedule {
    private final List<ListCall> calls;
    private final int everyCycles;
    private final CycleCoverage coverage;
    private long cycle;

    public DiscoverySchedule(List<String> datasets, int everyCycles, CycleCoverage coverage) {
        this.calls = datasets.stream()
                .flatMap(dataset -> ListCall.TYPES.stream().map(type -> new ListCall(dataset, type)))
                .toList();
        this.everyCycles = everyCycles;
        this.coverage = coverage;
    }

    /** The list calls of the cycle that starts now: every dataset and type, or none between discovery cycles. */
    public synchronized List<ListCall> listingsDue() {
        coverage.startCycle();
        return cycle++ % everyCycles == 0 ? calls : List.of();
    }
}
