package io.hydrafs.blockstore.meta;

import io.hydrafs.blockstore.storage.ReplicaStore;
import io.hydrafs.protocol.block.BlockOrder;
import io.hydrafs.protocol.block.RecoverOrder;
import io.hydrafs.protocol.block.ReplicateOrder;
import io.hydrafs.protocol.data.InitReplicaRecoveryResponse;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.CommitBlockRecoveryRequest;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.MetaMethods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Carries out the leader's orders (already term-checked) on a small pool of threads: deletes
 * replicas, copies replicas to other blockstores, and runs lease recovery as its primary. The
 * same block is never worked on twice at once. A repeated copy order while one runs is dropped
 * (the leader repeats it later if it is still needed). A recovery order waits instead, the newest
 * one only: a new leader starts a recovery again with a newer stamp while its predecessor's
 * attempt may still run here, and that attempt's commit will be refused, so dropping the new one
 * would leave the file open until the leader's next retry, a hard limit later. Failures are
 * logged: the leader notices the missing effect in later reports and orders again.
 */
public final class OrderExecutor implements Consumer<BlockOrder>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrderExecutor.class);
    private static final long COMMIT_TIMEOUT_MS = 30_000;

    private final ReplicaStore store;
    private final ReplicaTransfers transfers;
    private final MetaLinks meta;
    private final ExecutorService pool;
    private final Set<Long> busyBlocks = ConcurrentHashMap.newKeySet();
    /** Per busy block, the newest recovery order that came while it was busy. */
    private final Map<Long, RecoverOrder> waitingRecoveries = new ConcurrentHashMap<>();

    public OrderExecutor(String blockstoreId, ReplicaStore store, ReplicaTransfers transfers, MetaLinks meta,
                         int threads) {
        this.store = store;
        this.transfers = transfers;
        this.meta = meta;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "blockstore-orders-" + blockstoreId);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void accept(BlockOrder order) {
        switch (order.getOrderCase()) {
            case DELETE -> submit(() -> {
                for (BlockProto b : order.getDelete().getBlocksList()) {
                    delete(b);
                }
            });
            case REPLICATE -> onBlock(order.getReplicate().getBlock().getBlockId(),
                    () -> replicate(order.getReplicate()));
            case RECOVER -> recoverWhenFree(order.getRecover());
            case ORDER_NOT_SET -> LOG.warn("ignoring an order with no content (term {})", order.getTerm());
        }
    }

    private void onBlock(long blockId, Runnable work) {
        if (!busyBlocks.add(blockId)) {
            return;
        }
        submit(() -> {
            try {
                work.run();
            } finally {
                busyBlocks.remove(blockId);
                startWaitingRecovery(blockId);
            }
        });
    }

    private void recoverWhenFree(RecoverOrder order) {
        waitingRecoveries.merge(order.getBlock().getBlockId(), order,
                (waiting, next) -> next.getNewGenerationStamp() >= waiting.getNewGenerationStamp() ? next : waiting);
        startWaitingRecovery(order.getBlock().getBlockId());
    }

    /** Runs the block's waiting recovery order unless work on the block is under way (which calls back here when done). */
    private void startWaitingRecovery(long blockId) {
        if (!waitingRecoveries.containsKey(blockId) || !busyBlocks.add(blockId)) {
            return;
        }
        RecoverOrder next = waitingRecoveries.remove(blockId);
        if (next == null) {  // another thread took it between the two calls above
            busyBlocks.remove(blockId);
            startWaitingRecovery(blockId);
            return;
        }
        submit(() -> {
            try {
                recover(next);
            } finally {
                busyBlocks.remove(blockId);
                startWaitingRecovery(blockId);
            }
        });
    }

    private void submit(Runnable work) {
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("order failed unexpectedly", e);
                }
            });
        } catch (RejectedExecutionException closing) {
            // stopping: the leader re-issues what is still needed
        }
    }

    private void delete(BlockProto block) {
        try {
            store.deleteReplica(block);
        } catch (HydraException e) {
            LOG.warn("deleting replica of block {} failed: {}", block.getBlockId(), e.getMessage());
        }
    }

    private void replicate(ReplicateOrder order) {
        try {
            transfers.replicate(order.getBlock(), order.getTargetsList());
            LOG.info("replicated block {} to {}", order.getBlock().getBlockId(),
                    order.getTargetsList().stream().map(BlockstoreLocation::getId).toList());
        } catch (HydraException e) {
            LOG.warn("replicating block {} failed: {}", order.getBlock().getBlockId(), e.getMessage());
        }
    }

    private void recover(RecoverOrder order) {
        long blockId = order.getBlock().getBlockId();
        long stamp = order.getNewGenerationStamp();
        Map<String, BlockProto> held = new LinkedHashMap<>();
        Map<String, BlockstoreLocation> where = new LinkedHashMap<>();
        for (BlockstoreLocation replica : order.getReplicasList()) {
            try {
                InitReplicaRecoveryResponse r = transfers.initRecovery(replica, order.getBlock(), stamp);
                if (!r.hasError()) {
                    held.put(replica.getId(), r.getReplica());
                    where.put(replica.getId(), replica);
                }
            } catch (HydraException e) {
                LOG.info("replica of block {} on {} is not available for recovery: {}", blockId, replica.getId(),
                        e.getMessage());
            }
        }
        Optional<RecoveryPlan> plan = order.getTruncate()
                ? RecoveryPlan.forTruncate(held, stamp, order.getBlock().getNumBytes())
                : RecoveryPlan.of(held, stamp);
        if (plan.isEmpty()) {
            LOG.warn("recovery of block {}: no replica answered; the leader will retry", blockId);
            return;
        }
        BlockProto agreed = BlockProto.newBuilder().setBlockId(blockId).setGenerationStamp(stamp)
                .setNumBytes(plan.get().agreedLength()).build();
        CommitBlockRecoveryRequest.Builder commit = CommitBlockRecoveryRequest.newBuilder()
                .setInodeId(order.getInodeId()).setBlock(agreed);
        for (String id : plan.get().replicas()) {
            try {
                transfers.finalizeRecovery(where.get(id), agreed, stamp);
                commit.addReplicas(id);
            } catch (HydraException e) {
                LOG.info("finalizing recovered block {} on {} failed: {}", blockId, id, e.getMessage());
            }
        }
        if (commit.getReplicasCount() == 0) {
            LOG.warn("recovery of block {}: no replica could be finalized; the leader will retry", blockId);
            return;
        }
        commit.setDeleteBlock(plan.get().agreedLength() == 0);
        try {
            meta.callLeader(MetaMethods.COMMIT_BLOCK_RECOVERY, commit.build(), EmptyResponse.parser(),
                    COMMIT_TIMEOUT_MS);
            LOG.info("recovered block {} at {} bytes on {}", blockId, agreed.getNumBytes(), commit.getReplicasList());
        } catch (HydraException e) {
            LOG.warn("committing recovery of block {} failed: {}", blockId, e.getMessage());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
