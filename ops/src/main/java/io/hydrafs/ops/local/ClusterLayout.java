package io.hydrafs.ops.local;

import java.nio.file.Path;

/**
 * Where a local cluster keeps its files, all under one directory:
 *
 * <pre>
 * DIR/hydra.properties      the configuration every node starts from (its id and data dir are --set per node)
 * DIR/cluster.properties    the peers, blockstores and pids of running nodes ({@link ClusterRecord})
 * DIR/jvm.options           the JVM flags the nodes were started with ({@link JvmOptionsRecord})
 * DIR/&lt;id&gt;/data/            a meta node's Raft log, snapshots and RocksDB store (hydra.meta.dir),
 *                           or a blockstore's replicas (hydra.blockstore.data.dirs)
 * DIR/&lt;id&gt;/node.log         the node's stdout and stderr, which is where its log goes
 * DIR/&lt;id&gt;/node.pid         the node's pid while it runs
 * </pre>
 *
 * Meta node ids are m1, m2, ...; blockstore ids b1, b2, ...: both kinds share the per-node files.
 *
 * The directory is always absolute, so child processes (which run in their node directory)
 * and later CLI invocations from elsewhere resolve the same paths.
 */
public record ClusterLayout(Path dir) {
    public static final String HYDRA_PROPERTIES = "hydra.properties";
    public static final String CLUSTER_PROPERTIES = "cluster.properties";

    public ClusterLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    public Path hydraProperties() {
        return dir.resolve(HYDRA_PROPERTIES);
    }

    public Path clusterProperties() {
        return dir.resolve(CLUSTER_PROPERTIES);
    }

    public Path jvmOptionsFile() {
        return dir.resolve("jvm.options");
    }

    public Path nodeDir(String nodeId) {
        return dir.resolve(nodeId);
    }

    public Path dataDir(String nodeId) {
        return nodeDir(nodeId).resolve("data");
    }

    public Path logFile(String nodeId) {
        return nodeDir(nodeId).resolve("node.log");
    }

    public Path pidFile(String nodeId) {
        return nodeDir(nodeId).resolve("node.pid");
    }

    /** The log files of every node, as a user would glob them: "DIR/m*&#47;node.log" style hint. */
    public String logHint() {
        return dir.resolve("<node>").resolve("node.log").toString();
    }
}
