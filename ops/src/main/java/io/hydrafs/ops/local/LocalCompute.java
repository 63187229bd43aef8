package io.hydrafs.ops.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The MapReduce part of a local cluster as {@code cluster.properties} records it: the job
 * coordinators (c1, and c2 as its standby: whichever holds the lease is active) and the
 * workers, with ports fixed for the life of the cluster directory (so clients find the
 * coordinators at the same addresses after a restart). A cluster started without workers has
 * none of it ({@link #NONE}): no coordinator either.
 *
 * @param coordinators the coordinators, c1 first; empty only in {@link #NONE}
 * @param workers      the workers, w1, w2, ...
 */
public record LocalCompute(List<LocalCoordinator> coordinators, List<LocalWorker> workers) {
    public static final LocalCompute NONE = new LocalCompute(List.of(), List.of());

    public LocalCompute {
        coordinators = List.copyOf(coordinators);
        workers = List.copyOf(workers);
        if (coordinators.isEmpty() != workers.isEmpty()) {
            throw new IllegalArgumentException(coordinators.size() + " coordinators with " + workers.size()
                    + " workers: workers need a coordinator, and a coordinator is started only for workers");
        }
    }

    public boolean present() {
        return !coordinators.isEmpty();
    }

    /** Every coordinator's host:port, comma-separated: what clients and workers are given. */
    public String coordinatorAddress() {
        return coordinators.stream().map(LocalCoordinator::address).collect(Collectors.joining(","));
    }

    /** The node ids: the coordinators, then the workers; none without workers. */
    public List<String> nodeIds() {
        List<String> ids = new ArrayList<>();
        coordinators.forEach(c -> ids.add(c.id()));
        workers.forEach(w -> ids.add(w.id()));
        return ids;
    }

    /**
     * Parses the coordinator entry written by {@link #coordinatorEntry()}: "c1=host:port,c2=host:port"
     * (files of clusters started before standbys existed hold only c1).
     */
    static LocalCompute parse(String coordinators, List<LocalWorker> workers) {
        return new LocalCompute(Arrays.stream(coordinators.split(",")).filter(s -> !s.isBlank())
                .map(LocalCoordinator::parse).toList(), workers);
    }

    String coordinatorEntry() {
        return coordinators.stream().map(LocalCoordinator::toString).collect(Collectors.joining(","));
    }
}
