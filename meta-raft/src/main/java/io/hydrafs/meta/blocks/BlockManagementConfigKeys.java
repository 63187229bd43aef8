package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.config.ConfigKey;

import java.util.List;

/** Keys of the meta leader's block management. */
public final class BlockManagementConfigKeys {
    private BlockManagementConfigKeys() {
    }

    private static final long HOUR_MS = 3_600_000L;

    public static final ConfigKey<Long> DEAD_TIMEOUT_MS = ConfigKey.longKey("hydra.meta.blockstore.dead.timeout.ms",
            30_000L, 100L, 24 * HOUR_MS,
            "A blockstore silent this long is dead: its replicas no longer count and are re-replicated.");
    public static final ConfigKey<Long> REPLICATION_INTERVAL_MS = ConfigKey.longKey(
            "hydra.meta.replication.interval.ms", 1_000L, 10L, HOUR_MS,
            "How often the leader checks the replicas of the blocks whose state changed (and a slice of the rest) "
                    + "and plans replications and deletions.");
    public static final ConfigKey<Integer> REPLICATION_WALK_SLICE_BLOCKS = ConfigKey.integer(
            "hydra.meta.replication.walk.slice.blocks", 10_000, 1, 10_000_000,
            "Blocks each replication round checks besides those whose replicas or holders changed: a walk over "
                    + "all blocks that notices what no event names (a file's replication changed, a file completed).");
    public static final ConfigKey<Long> PENDING_TIMEOUT_MS = ConfigKey.longKey(
            "hydra.meta.replication.pending.timeout.ms", 30_000L, 100L, 24 * HOUR_MS,
            "How long an ordered replication may take before the block is ordered again.");
    public static final ConfigKey<Integer> MAX_ORDERS_PER_HEARTBEAT = ConfigKey.integer(
            "hydra.meta.replication.max.orders.per.heartbeat", 64, 1, 100_000,
            "Most orders handed to one blockstore in one heartbeat answer.");
    public static final ConfigKey<Long> READY_DELAY_MS = ConfigKey.longKey("hydra.meta.blocks.ready.delay.ms",
            2_000L, 0L, HOUR_MS,
            "After becoming leader, how long to wait (besides every live blockstore's full report) before "
                    + "acting on replica counts.");

    public static final List<ConfigKey<?>> ALL = List.of(DEAD_TIMEOUT_MS, REPLICATION_INTERVAL_MS, PENDING_TIMEOUT_MS,
            MAX_ORDERS_PER_HEARTBEAT, READY_DELAY_MS, REPLICATION_WALK_SLICE_BLOCKS);
}
