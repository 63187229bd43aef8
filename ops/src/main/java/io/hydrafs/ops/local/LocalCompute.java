package io.hydrafs.ops.local;

import java.util.ArrayList;
import java.util.List;

/**
 * The MapReduce part of a local cluster as {@code cluster.properties} records it: one job
 * coordinator and its workers, with ports fixed for the life of the cluster directory (so
 * clients find the coordinator at the same address after a restart). A cluster started without
 * workers has none of it ({@link #NONE}): no coordinator either.
 *
 * @param coordinatorId   the coordinator's node id (c1): its directory, log and pid entry
 * @param host            where the coordinator serves
 * @param coordinatorPort its RPC port; 0 only in {@link #NONE}
 * @param workers         the workers, w1, w2, ...
 */
public record LocalCompute(String coordinatorId, String host, int coordinatorPort, List<LocalWorker> workers) {
    public static final String COORDINATOR_ID = "c1";
    public static final LocalCompute NONE = new LocalCompute(COORDINATOR_ID, LoopbackPorts.HOST, 0, List.of());

    public LocalCompute {
        workers = List.copyOf(workers);
        if (coordinatorPort < 0 || coordinatorPort > 65535 || (coordinatorPort == 0) != workers.isEmpty()) {
            throw new IllegalArgumentException("coordinator port " + coordinatorPort + " with " + workers.size()
                    + " workers: a coordinator needs a port, and workers need a coordinator");
        }
    }

    public boolean present() {
        return coordinatorPort > 0;
    }

    public String coordinatorAddress() {
        return host + ":" + coordinatorPort;
    }

    /** The node ids: the coordinator, then the workers; none without workers. */
    public List<String> nodeIds() {
        if (!present()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        ids.add(coordinatorId);
        workers.forEach(w -> ids.add(w.id()));
        return ids;
    }

    /** Parses the coordinator entry "c1=host:port" written by {@link #coordinatorEntry()}. */
    static LocalCompute parse(String coordinator, List<LocalWorker> workers) {
        String s = coordinator.trim();
        int eq = s.indexOf('=');
        int colon = s.lastIndexOf(':');
        if (eq <= 0 || colon < eq + 2) {
            throw new IllegalArgumentException("coordinator '" + coordinator + "' is not of the form id=host:port");
        }
        try {
            return new LocalCompute(s.substring(0, eq), s.substring(eq + 1, colon), Integer.parseInt(s.substring(colon + 1)),
                    workers);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("coordinator '" + coordinator + "' has a port that is not a number");
        }
    }

    String coordinatorEntry() {
        return coordinatorId + "=" + coordinatorAddress();
    }
}
