package io.hydrafs.ops.local;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How to start a {@link LocalProcessCluster}. Built with {@link #builder(Path)}; every setting
 * but the directory has a default fit for a laptop or a 2-core CI box.
 *
 * @param dir          the cluster directory (see {@link ClusterLayout})
 * @param metaNodes    number of meta nodes, or {@link #SAME_AS_BEFORE}: the size of the stopped
 *                     cluster already in {@code dir}, else {@link #DEFAULT_META_NODES}
 * @param blockstores  number of blockstores (0 allowed: a metadata-only cluster), or
 *                     {@link #SAME_BLOCKSTORES_AS_BEFORE}: as many as the stopped cluster in
 *                     {@code dir} has, else {@link #DEFAULT_BLOCKSTORES}
 * @param fresh        delete a stopped cluster found in {@code dir} and start a new one; without
 *                     it that cluster restarts with its namespace, on its ports
 * @param basePort     0: free ports chosen at random; else node i (0-based) serves clients on
 *                     {@code basePort + 10i} and Raft on {@code basePort + 10i + 1} (9870 gives
 *                     the ports of the example hydra.properties); blockstore i serves data on
 *                     {@code basePort + 10i + 2}; status HTTP is on {@code basePort + 10i + 3}
 *                     (meta node i) and {@code + 4} (blockstore i)
 * @param command      java binary, JVM options, class path of the node processes
 * @param readyTimeout longest wait for every node to answer and a leader to serve
 * @param stopTimeout  grace between SIGTERM and SIGKILL when stopping
 * @param config       extra keys for the generated hydra.properties
 * @param workers      compute workers (0: no MapReduce, no coordinator either; else a coordinator
 *                     and this many workers, worker i co-located with blockstore i), or
 *                     {@link #SAME_WORKERS_AS_BEFORE}: as many as the stopped cluster had, else 0.
 *                     Coordinator ports: free, or {@code basePort + 5}; worker i shuffles on
 *                     {@code basePort + 10i + 6}
 */
public record LocalClusterOptions(Path dir, int metaNodes, int blockstores, boolean fresh, int basePort,
                                  NodeCommand command, Duration readyTimeout, Duration stopTimeout, Map<String, String> config,
                                  int workers) {
    public static final int SAME_AS_BEFORE = 0;
    public static final int DEFAULT_META_NODES = 3;
    public static final int MAX_META_NODES = 9;
    /** 0 is a valid number of blockstores, so "as before" needs its own marker. */
    public static final int SAME_BLOCKSTORES_AS_BEFORE = -1;
    /** Enough for the default replication factor of 3. */
    public static final int DEFAULT_BLOCKSTORES = 3;
    /** Each is a JVM: more than this does not fit a laptop's memory anyway. */
    public static final int MAX_BLOCKSTORES = 16;
    public static final int PORTS_PER_NODE_STRIDE = 10;
    public static final int SAME_WORKERS_AS_BEFORE = -1;
    public static final int MAX_WORKERS = 16;

    public LocalClusterOptions {
        config = Map.copyOf(config);
    }

    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** Rejects settings that cannot work, as a usage error (INVALID_ARGUMENT); returns this. */
    public LocalClusterOptions validate() throws HydraException {
        if (metaNodes != SAME_AS_BEFORE && (metaNodes < 1 || metaNodes > MAX_META_NODES)) {
            throw invalid("the number of meta nodes must be 1 to " + MAX_META_NODES + " (3 or 5 for a real group), got "
                    + metaNodes);
        }
        if (blockstores != SAME_BLOCKSTORES_AS_BEFORE && (blockstores < 0 || blockstores > MAX_BLOCKSTORES)) {
            throw invalid("the number of blockstores must be 0 to " + MAX_BLOCKSTORES + ", got " + blockstores);
        }
        if (workers != SAME_WORKERS_AS_BEFORE && (workers < 0 || workers > MAX_WORKERS)) {
            throw invalid("the number of workers must be 0 to " + MAX_WORKERS + ", got " + workers);
        }
        if (basePort != 0 && (basePort < 1024 || basePort > 65535)) {
            throw invalid("base port " + basePort + " must be in [1024, 65535]");
        }
        if (readyTimeout.isNegative() || readyTimeout.isZero() || stopTimeout.isNegative()) {
            throw invalid("the ready timeout must be positive and the stop timeout not negative");
        }
        return this;
    }

    private static HydraException invalid(String message) {
        return new HydraException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /**
     * Builder with the defaults: as many meta nodes and blockstores as before (else 3 of each),
     * free ports, this JVM's java and class path.
     */
    public static final class Builder {
        private final Path dir;
        private int metaNodes = SAME_AS_BEFORE;
        private int blockstores = SAME_BLOCKSTORES_AS_BEFORE;
        private boolean fresh;
        private int basePort;
        private NodeCommand command = NodeCommand.ofThisJvm();
        private Duration readyTimeout = Duration.ofSeconds(60);
        private Duration stopTimeout = Duration.ofSeconds(15);
        private final Map<String, String> config = new TreeMap<>();
        private int workers = SAME_WORKERS_AS_BEFORE;

        private Builder(Path dir) {
            this.dir = dir;
        }

        public Builder metaNodes(int n) {
            this.metaNodes = n;
            return this;
        }

        public Builder blockstores(int n) {
            this.blockstores = n;
            return this;
        }

        public Builder workers(int n) {
            this.workers = n;
            return this;
        }

        public Builder fresh(boolean fresh) {
            this.fresh = fresh;
            return this;
        }

        public Builder basePort(int port) {
            this.basePort = port;
            return this;
        }

        public Builder command(NodeCommand command) {
            this.command = command;
            return this;
        }

        public Builder jvmOptions(List<String> options) {
            this.command = command.withJvmOptions(options);
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public Builder stopTimeout(Duration timeout) {
            this.stopTimeout = timeout;
            return this;
        }

        /** A key of the generated hydra.properties (a new cluster only: a restarted one keeps its file). */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        public LocalClusterOptions build() {
            return new LocalClusterOptions(dir, metaNodes, blockstores, fresh, basePort, command, readyTimeout, stopTimeout,
                    config, workers);
        }
    }
}
