package io.hydrafs.meta.statemachine;

import com.google.protobuf.Message;
import io.hydrafs.meta.coord.Coordination;
import io.hydrafs.meta.namespace.Namespace;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MetaOpResult;
import io.hydrafs.protocol.rpc.RpcError;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies one log entry (a batch of client operations) to a write batch: the deterministic
 * core of the state machine, with no Ratis, threads or clocks, so it is unit-tested directly.
 *
 * <p>Per operation: a call already in the retry cache gets its recorded answer and changes
 * nothing; otherwise the namespace applies it inside a savepoint, so a failed precondition
 * undoes exactly that operation's writes and the batch goes on. Success and failure are both
 * recorded in the retry cache (a retried call must get the same error, too). Anything other
 * than a {@link HydraException} is a bug or a storage failure and propagates: the caller must
 * stop the node rather than commit a partial batch.
 *
 * <p>Idempotent operations are not recorded ({@link #isIdempotent}): running one again gives
 * the same outcome, so the cache would only cost every replica a read and two writes per call.
 * HDFS's NameNode leaves the same calls out of its retry cache. The one difference a retry can
 * see is mkdirs' advisory {@code created} flag, false when the first attempt made the directory.
 *
 * <p>Blocks removed from the namespace are collected per operation and kept only when it
 * succeeds, so a rolled-back op never reports a block that is still in the namespace; a call
 * answered from the retry cache removes nothing.
 *
 * <p>Coordination records and the decommissioning set ({@link Coordination}) are applied the
 * same way, inside the same savepoints and retry cache; before the ops, the entry's Raft term
 * is shown to {@link Coordination#observeEntry} (leases count from the current term's start).
 */
public final class BatchApplier {
    private final Namespace namespace;
    private final Coordination coordination;
    private final RetryCache retryCache;

    public BatchApplier(Namespace namespace, RetryCache retryCache) {
        this(namespace, new Coordination(namespace.policy()), retryCache);
    }

    public BatchApplier(Namespace namespace, Coordination coordination, RetryCache retryCache) {
        this.namespace = namespace;
        this.coordination = coordination;
        this.retryCache = retryCache;
    }

    /** Applies the batch, discarding which blocks it removed. */
    public MetaBatchResult apply(MetaBatch batch, MetaWriter w) {
        return apply(batch, w, new ArrayList<>());
    }

    /** Applies a batch that comes with no log entry (term 0); see {@link #apply(MetaBatch, long, MetaWriter, List)}. */
    public MetaBatchResult apply(MetaBatch batch, MetaWriter w, List<BlockProto> removedBlocks) {
        return apply(batch, 0, w, removedBlocks);
    }

    /**
     * Applies the batch of a log entry of Raft term {@code term}; adds the blocks its successful
     * ops removed to {@code removedBlocks}, in op order.
     */
    public MetaBatchResult apply(MetaBatch batch, long term, MetaWriter w, List<BlockProto> removedBlocks) {
        long now = batch.getTimestampMs();
        long ttlMs = RetryCache.ttlOf(batch);
        // The root is created by the first applied entry, with that entry's time, so that every
        // replica formats identically (a local clock would differ between nodes).
        namespace.format(w, now);
        coordination.observeEntry(term, now, w);
        long expiredThrough = retryCache.expiredThrough(w);
        MetaBatchResult.Builder results = MetaBatchResult.newBuilder();
        for (MetaOp op : batch.getOpsList()) {
            results.addResults(applyOne(op, now, ttlMs, expiredThrough, w, removedBlocks));
        }
        retryCache.expire(w, now, ttlMs, expiredThrough);
        return results.build();
    }

    private MetaOpResult applyOne(MetaOp op, long now, long ttlMs, long expiredThrough, MetaWriter w,
                                  List<BlockProto> removedBlocks) {
        boolean cached = op.getCallId() != 0 && !isIdempotent(op);
        if (cached) {
            var previous = retryCache.lookup(w, op.getClientId(), op.getCallId());
            if (previous.isPresent()) {
                return previous.get();
            }
        }
        MetaOpResult result;
        List<BlockProto> removedByOp = new ArrayList<>();
        w.setSavepoint();
        try {
            Message response = Coordination.handles(op) ? coordination.apply(op, now, w)
                    : namespace.apply(op, now, w, removedByOp::add);
            w.releaseSavepoint();
            removedBlocks.addAll(removedByOp);
            result = MetaOpResult.newBuilder().setResponse(response.toByteString()).build();
        } catch (HydraException e) {
            w.rollbackToSavepoint();
            result = MetaOpResult.newBuilder().setError(RpcError.newBuilder()
                    .setCode(e.code().number()).setMessage(e.detail())).build();
        }
        if (cached) {
            retryCache.record(w, op.getClientId(), op.getCallId(), result, now, ttlMs, expiredThrough);
        }
        return result;
    }

    /**
     * Calls whose second run leaves the namespace as the first left it and answers alike: they
     * set a state rather than change it by a step, and need no retry cache.
     */
    static boolean isIdempotent(MetaOp op) {
        return op.hasMkdirs() || op.hasSetPermission() || op.hasSetOwner() || op.hasSetTimes()
                || op.hasSetReplication() || op.hasSetQuota() || op.hasUpdateAcl();
    }
}
