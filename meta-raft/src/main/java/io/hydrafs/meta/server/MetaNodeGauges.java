package io.hydrafs.meta.server;

import com.codahale.metrics.CachedGauge;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.hydrafs.meta.blocks.BlockManager;
import io.hydrafs.meta.resource.DiskSpaceGuard;
import io.hydrafs.meta.statemachine.MetaStateMachine;
import io.hydrafs.meta.store.StoreStats;
import java.util.concurrent.TimeUnit;

/**
 * A meta node's gauges: its Raft role, term and applied index ({@code meta.raft.*}), its store
 * ({@code meta.store.*}), the free space of its disk ({@code meta.disk.*}) and its view of the
 * blockstores ({@code meta.blockstores.*}, {@code meta.blocks.*}). Gauges are read when scraped, never on a call's path.
 */
final class MetaNodeGauges {
    private MetaNodeGauges() {
    }

    static void register(MetricRegistry metrics, MetaNode node, MetaStateMachine stateMachine, DiskSpaceGuard disk) {
        metrics.register("meta.raft.term", (Gauge<Long>) node::currentTerm);
        metrics.register("meta.raft.applied.index", (Gauge<Long>) node::appliedIndex);
        metrics.register("meta.raft.is.leader", (Gauge<Integer>) () -> node.isLeader() ? 1 : 0);
        metrics.register("meta.raft.role", (Gauge<String>) node::role);
        registerStore(metrics, stateMachine);
        metrics.register("meta.disk.usable.bytes", (Gauge<Long>) disk::usableBytes);
        metrics.register("meta.disk.low", (Gauge<Integer>) () -> disk.isLow() ? 1 : 0);
        registerBlocks(metrics, node.blocks());
    }

    private static void registerStore(MetricRegistry metrics, MetaStateMachine stateMachine) {
        // One look at the store per scrape (RocksDB properties over every table), shared by its gauges.
        CachedGauge<StoreStats> store = new CachedGauge<>(1, TimeUnit.SECONDS) {
            @Override
            protected StoreStats loadValue() {
                return stateMachine.storeStats();
            }
        };
        metrics.register("meta.store.cache.hits", (Gauge<Long>) () -> store.getValue().cacheHits());
        metrics.register("meta.store.cache.misses", (Gauge<Long>) () -> store.getValue().cacheMisses());
        metrics.register("meta.store.cache.entries", (Gauge<Long>) () -> store.getValue().cacheEntries());
        metrics.register("meta.store.keys.estimate", (Gauge<Long>) () -> store.getValue().estimatedKeys());
        metrics.register("meta.store.sst.bytes", (Gauge<Long>) () -> store.getValue().liveSstBytes());
        metrics.register("meta.store.memtable.bytes", (Gauge<Long>) () -> store.getValue().memtableBytes());
        metrics.register("meta.store.compaction.pending.bytes",
                (Gauge<Long>) () -> store.getValue().pendingCompactionBytes());
    }

    private static void registerBlocks(MetricRegistry metrics, BlockManager blocks) {
        metrics.register("meta.blockstores.live", (Gauge<Integer>) blocks::liveBlockstores);
        metrics.register("meta.blockstores.dead", (Gauge<Integer>) blocks::deadBlockstores);
        metrics.register("meta.blocks.under.replicated", (Gauge<Integer>) blocks::underReplicatedBlocks);
        metrics.register("meta.blocks.missing", (Gauge<Integer>) blocks::missingBlocks);
        metrics.register("meta.blocks.pending.replications", (Gauge<Integer>) blocks::pendingReplications);
        metrics.register("meta.blocks.orders.sent", (Gauge<Long>) blocks::ordersSent);
    }
}
