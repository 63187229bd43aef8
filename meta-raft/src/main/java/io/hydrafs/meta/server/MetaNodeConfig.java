package io.hydrafs.meta.server;

import io.hydrafs.meta.raft.ProposalBatcher;
import io.hydrafs.protocol.config.ConfigKey;
import io.hydrafs.protocol.config.HydraConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one meta node, read and validated from a {@link HydraConfig} at start so that
 * a bad value stops the node at once with the key's name, not later in some thread.
 */
public record MetaNodeConfig(
        String nodeId,
        List<MetaPeer> peers,
        Path dataDir,
        String clusterId,
        long electionTimeoutMinMs,
        long electionTimeoutMaxMs,
        long snapshotThresholdEntries,
        int maxOpsPerBatch,
        int maxBatchesInFlight,
        long retryCacheTtlMs,
        long leaseHardLimitMs,
        long logSegmentSizeBytes,
        String raftTransport,
        HydraConfig raw) {

    public static final ConfigKey<String> NODE_ID = ConfigKey.string("hydra.meta.id", "",
            "This node's id; must be one of the ids in hydra.meta.peers.");
    public static final ConfigKey<String> PEERS = ConfigKey.string("hydra.meta.peers", "",
            "Members of the metadata group: comma-separated id=host:raftPort:rpcPort.");
    public static final ConfigKey<String> DATA_DIR = ConfigKey.string("hydra.meta.dir", "",
            "Directory of this node's Raft log, snapshots and RocksDB database.");
    public static final ConfigKey<String> CLUSTER_ID = ConfigKey.string("hydra.cluster.id", "hydrafs",
            "Name of the cluster; the Raft group id is derived from it.");
    public static final ConfigKey<Long> ELECTION_MIN_MS = ConfigKey.longKey("hydra.meta.election.timeout.min.ms",
            1000, 50, 60_000, "Lower bound of the randomised Raft election timeout.");
    public static final ConfigKey<Long> ELECTION_MAX_MS = ConfigKey.longKey("hydra.meta.election.timeout.max.ms",
            2000, 100, 120_000, "Upper bound of the randomised Raft election timeout.");
    public static final ConfigKey<Long> SNAPSHOT_THRESHOLD = ConfigKey.longKey("hydra.meta.snapshot.threshold.entries",
            100_000, 10, Long.MAX_VALUE, "Log entries between automatic snapshots (the log is purged after each).");
    public static final ConfigKey<Integer> MAX_OPS_PER_BATCH = ConfigKey.integer("hydra.meta.batch.max.ops",
            512, 1, 100_000, "Most client operations packed into one log entry.");
    public static final ConfigKey<Integer> MAX_BATCHES_IN_FLIGHT = ConfigKey.integer("hydra.meta.batch.max.inflight",
            1, 1, 64, "Log entries proposed and not yet applied at once.");
    public static final ConfigKey<Integer> MAX_QUEUED_OPS = ConfigKey.integer("hydra.meta.batch.max.queued.ops",
            ProposalBatcher.DEFAULT_MAX_QUEUED_OPS, 1, 10_000_000, "Client operations that may wait on the leader"
                    + " for a log entry; more are refused with NOT_READY, which clients retry after a backoff.");
    public static final ConfigKey<Long> BATCH_LINGER_US = ConfigKey.longKey("hydra.meta.batch.linger.us",
            2_000, 0, 1_000_000, "Longest wait, once a log entry is answered, for its callers' next calls to"
                    + " join the next entry (0: propose at once).");
    public static final ConfigKey<Long> RETRY_CACHE_TTL_MS = ConfigKey.longKey("hydra.meta.retry.cache.ttl.ms",
            600_000, 1_000, Long.MAX_VALUE, "How long the answer of a mutating call is kept for retries; the leader's value travels in"
                    + " each log entry, so every replica keeps the same answers.");
    public static final ConfigKey<Long> LEASE_HARD_LIMIT_MS = ConfigKey.longKey("hydra.meta.lease.hard.limit.ms",
            1_200_000, 100, Long.MAX_VALUE, "A writer silent this long loses its lease; its files are closed.");

    public static final ConfigKey<Long> LOG_SEGMENT_SIZE_BYTES = ConfigKey.longKey("hydra.meta.log.segment.size.bytes",
            16L << 20, 16L << 10, 1L << 30, "Size at which a Raft log segment is closed; only closed segments are purged"
                    + " after a snapshot. The heap keeps the open segment and two closed ones parsed.");

    public static final ConfigKey<Long> SHUTDOWN_HANDOFF_MS = ConfigKey.longKey("hydra.meta.shutdown.handoff.ms",
            5_000, 0, 60_000, "On a clean stop a leader first hands leadership to a follower, waiting at most this "
                    + "long; 0 = stop without handing over.");

    public static final ConfigKey<Long> DISK_RESERVED_BYTES = ConfigKey.longKey("hydra.meta.disk.reserved.bytes",
            100L << 20, 0, Long.MAX_VALUE, "Free space a meta node keeps on the disk of its Raft log and database:"
                    + " below it the leader refuses changes to the namespace (reads still work) until space is freed;"
                    + " 0 = never refuse.");

    public static final ConfigKey<String> RAFT_TRANSPORT = ConfigKey.string("hydra.meta.raft.transport", "netty",
            "Transport between meta nodes: netty (lighter per entry on few cores) or grpc.");

    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer("hydra.meta.http.port", 7180, 0, 65535,
            "Port of the status HTTP server (/ status page, /metrics, /metrics/prometheus, /health) on this "
                    + "node's host; 0 = any free port.");

    public static MetaNodeConfig from(HydraConfig c) {
        String id = c.get(NODE_ID);
        if (id.isEmpty()) {
            throw new IllegalArgumentException("config key " + NODE_ID.name() + " is missing");
        }
        String peerSpec = c.get(PEERS);
        if (peerSpec.isBlank()) {
            throw new IllegalArgumentException("config key " + PEERS.name() + " is missing");
        }
        List<MetaPeer> peers = new ArrayList<>();
        for (String p : peerSpec.split(",")) {
            peers.add(MetaPeer.parse(p));
        }
        if (peers.stream().noneMatch(p -> p.id().equals(id))) {
            throw new IllegalArgumentException("config key " + NODE_ID.name() + " = '" + id
                    + "' is not one of the ids in " + PEERS.name());
        }
        c.get(HTTP_PORT); // validated now, read at start
        c.get(DISK_RESERVED_BYTES);
        String dir = c.get(DATA_DIR);
        if (dir.isEmpty()) {
            throw new IllegalArgumentException("config key " + DATA_DIR.name() + " is missing");
        }
        long min = c.get(ELECTION_MIN_MS);
        long max = c.get(ELECTION_MAX_MS);
        if (max <= min) {
            throw new IllegalArgumentException(ELECTION_MAX_MS.name() + " must be greater than " + ELECTION_MIN_MS.name());
        }
        return new MetaNodeConfig(id, List.copyOf(peers), Path.of(dir), c.get(CLUSTER_ID), min, max,
                c.get(SNAPSHOT_THRESHOLD), c.get(MAX_OPS_PER_BATCH), c.get(MAX_BATCHES_IN_FLIGHT),
                c.get(RETRY_CACHE_TTL_MS), c.get(LEASE_HARD_LIMIT_MS), c.get(LOG_SEGMENT_SIZE_BYTES), transport(c), c);
    }

    private static String transport(HydraConfig c) {
        String t = c.get(RAFT_TRANSPORT).trim().toLowerCase(java.util.Locale.ROOT);
        if (!t.equals("netty") && !t.equals("grpc")) {
            throw new IllegalArgumentException("config key " + RAFT_TRANSPORT.name() + " = '" + t + "' is not netty or grpc");
        }
        return t;
    }

    /** How long a freed batch slot waits for returning callers (see ProposalBatcher), in microseconds. */
    public long batchLingerMicros() {
        return raw.get(BATCH_LINGER_US);
    }

    /** How many operations may wait for a log entry on the leader (see ProposalBatcher). */
    public int maxQueuedOps() {
        return raw.get(MAX_QUEUED_OPS);
    }

    /** Free bytes below which the leader refuses mutations (see DiskSpaceGuard); 0 = never. */
    public long diskReservedBytes() {
        return raw.get(DISK_RESERVED_BYTES);
    }

    /** The configured status HTTP port (0 = any free port). */
    public int httpPort() {
        return raw.get(HTTP_PORT);
    }

    public MetaPeer self() {
        return peers.stream().filter(p -> p.id().equals(nodeId)).findFirst().orElseThrow();
    }
}
