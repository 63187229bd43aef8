package io.hydrafs.ops.local;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/**
 * The compute nodes of a new local cluster: two coordinators (c1, c2: one active, the other
 * its standby), the workers, their ports, and which blockstore each worker is co-located with. Worker i (0-based, id w{i+1}) is co-located with blockstore i (wrapping
 * around when there are more workers than blockstores), which on one machine gives each worker
 * its own data-local splits, as separate hosts would.
 */
final class LocalComputeLayout {
    static final int COORDINATOR_PORT_OFFSET = 5;
    static final int SHUFFLE_PORT_OFFSET = 6;
    /** The active one and a standby that takes over (from the job journal) when it dies. */
    static final int COORDINATORS = 2;

    private LocalComputeLayout() {
    }

    /**
     * Two coordinators and {@code workers} workers on free ports (basePort 0) or on
     * {@code basePort + 10i + 5} (coordinator c{i+1}) and {@code basePort + 10i + 6} (worker i);
     * none for 0 workers.
     */
    static LocalCompute newCompute(int workers, ClusterRecord cluster, int basePort) throws HydraException {
        if (workers == 0) {
            return LocalCompute.NONE;
        }
        List<Integer> ports;
        int stride = LocalClusterOptions.PORTS_PER_NODE_STRIDE;
        if (basePort == 0) {
            ports = freePortsNotIn(COORDINATORS + workers, takenPorts(cluster));
        } else {
            int highest = Math.max(basePort + stride * (COORDINATORS - 1) + COORDINATOR_PORT_OFFSET,
                    basePort + stride * (workers - 1) + SHUFFLE_PORT_OFFSET);
            if (highest > 65535) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "base port " + basePort
                        + " leaves no room for the ports of " + COORDINATORS + " coordinators and " + workers
                        + " workers");
            }
            ports = new ArrayList<>();
            for (int i = 0; i < COORDINATORS; i++) {
                ports.add(basePort + stride * i + COORDINATOR_PORT_OFFSET);
            }
            for (int i = 0; i < workers; i++) {
                ports.add(basePort + stride * i + SHUFFLE_PORT_OFFSET);
            }
        }
        List<LocalCoordinator> coordinators = new ArrayList<>();
        for (int i = 0; i < COORDINATORS; i++) {
            coordinators.add(new LocalCoordinator("c" + (i + 1), LoopbackPorts.HOST, ports.get(i)));
        }
        List<LocalWorker> list = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            List<LocalBlockstore> blockstores = cluster.blockstores();
            String colocated = blockstores.isEmpty() ? "" : blockstores.get(i % blockstores.size()).id();
            list.add(new LocalWorker("w" + (i + 1), LoopbackPorts.HOST, ports.get(COORDINATORS + i), colocated));
        }
        return new LocalCompute(coordinators, list);
    }

    /** The other nodes' ports were chosen (and released) earlier: a port may come back, so avoid them. */
    private static List<Integer> freePortsNotIn(int count, Set<Integer> taken) throws HydraException {
        for (int attempt = 0; ; attempt++) {
            List<Integer> ports = LoopbackPorts.chooseFree(count);
            if (ports.stream().noneMatch(taken::contains) || attempt == 10) {
                return ports;
            }
        }
    }

    private static Set<Integer> takenPorts(ClusterRecord cluster) {
        Set<Integer> taken = new HashSet<>(cluster.httpPorts().values());
        cluster.peers().forEach(p -> {
            taken.add(p.rpcPort());
            taken.add(p.raftPort());
        });
        cluster.blockstores().forEach(b -> taken.add(b.dataPort()));
        return taken;
    }
}
