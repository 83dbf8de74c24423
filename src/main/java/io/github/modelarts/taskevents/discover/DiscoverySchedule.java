package io.github.modelarts.taskevents.discover;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides when the datasets are listed: in the first cycle and every {@code discovery.every.cycles} cycles
 * after it. Each cycle starts here, so it also starts the cycle's {@link CycleCoverage}.
 */
public final class DiscoverySchedule {
    private final List<ListCall> calls;
    private final int everyCycles;
    private final int parallelListings;
    private final CycleCoverage coverage;
    private long cycle;
    private long listingCycle;

    public DiscoverySchedule(List<String> datasets, int everyCycles, int parallelListings, CycleCoverage coverage) {
        this.calls = datasets.stream()
                .flatMap(dataset -> ListCall.TYPES.stream().map(type -> new ListCall(dataset, type)))
                .toList();
        this.everyCycles = everyCycles;
        this.parallelListings = parallelListings;
        this.coverage = coverage;
    }

    /**
     * List calls made at once: half of MAX_CONCURRENT_REQUESTS, rounded up, so that the task polls find threads
     * and connections free while listings still read the page they asked for within discovery's share.
     */
    public static int parallelListings(int maxConcurrentRequests) {
        return (maxConcurrentRequests + 1) / 2;
    }

    /** The list calls of the cycle that starts now: every dataset and type, or none between discovery cycles. */
    public synchronized List<ListCall> listingsDue() {
        coverage.startCycle();
        if (cycle++ % everyCycles != 0 || calls.isEmpty()) {
            return List.of();
        }
        // the first calls start at once, the others when a call ends: those that found discovery's share of the
        // budget spent before they started are among the first of the next listing cycle
        int first = (int) (listingCycle++ * parallelListings % calls.size());
        List<ListCall> inTurn = new ArrayList<>(calls.subList(first, calls.size()));
        inTurn.addAll(calls.subList(0, first));
        return inTurn;
    }
}
