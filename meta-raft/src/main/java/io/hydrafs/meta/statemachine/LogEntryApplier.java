package io.hydrafs.meta.statemachine;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.meta.coord.Coordination;
import io.hydrafs.meta.store.RocksMetaStore;
import io.hydrafs.meta.store.StoreBatch;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;
import io.hydrafs.protocol.meta.MetaOp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One committed log entry into the store, without Ratis: skip it if the store already has it,
 * else apply its batch, commit the writes with the entry's (term, index) in one WriteBatch, and
 * only then tell {@link AppliedBlockEvents} which blocks it removed and, when it changed the
 * decommissioning set, the whole set as of this entry.
 *
 * <p>Events follow the store: they fire once per entry that this store applies, on every node,
 * including entries applied while catching up or replaying the log after a restart. They do not
 * fire for entries the store already held before a restart (skipped here), nor for a snapshot
 * installed from the leader: the block locations they would clean up are soft state that starts
 * empty then, and block reports of ids absent from the namespace's block index reconcile it.
 *
 * <p>A listener failure is logged, not thrown: the entry is committed, and failing the apply
 * would stop the node for the sake of soft state that reports repair anyway.
 */
final class LogEntryApplier {
    private static final Logger LOG = LoggerFactory.getLogger(LogEntryApplier.class);

    private final BatchApplier applier;
    private volatile AppliedBlockEvents blockEvents = AppliedBlockEvents.NONE;

    LogEntryApplier(BatchApplier applier) {
        this.applier = applier;
    }

    void setBlockEvents(AppliedBlockEvents events) {
        this.blockEvents = events == null ? AppliedBlockEvents.NONE : events;
    }

    /**
     * Applies the entry at (term, index) holding {@code logData} (a serialized MetaBatch); returns
     * its result, or null when the store already held it. Storage failures propagate unchanged
     * and are fatal for the node, as is an unreadable entry.
     */
    MetaBatchResult apply(RocksMetaStore store, long term, long index, ByteBuffer logData) {
        if (index <= store.appliedIndex().index()) {
            return null;
        }
        MetaBatch batch;
        try {
            batch = MetaBatch.parseFrom(logData);
        } catch (InvalidProtocolBufferException e) {
            // Only the leader's own code writes entries: an unreadable one is a bug, and skipping
            // it would make this replica diverge.
            throw new IllegalStateException("unparseable log entry at " + term + ":" + index, e);
        }
        List<BlockProto> removed = new ArrayList<>();
        MetaBatchResult result;
        try (StoreBatch w = store.newBatch()) {
            result = applier.apply(batch, term, w, removed);
            store.commit(w, term, index);
        }
        if (batch.getOpsList().stream().anyMatch(MetaOp::hasSetDecommissioning)) {
            try {
                blockEvents.decommissioningChanged(Coordination.decommissioning(store.reader()), index);
            } catch (RuntimeException e) {
                LOG.error("decommissioningChanged listener failed for entry {}:{}", term, index, e);
            }
        }
        if (!removed.isEmpty()) {
            try {
                blockEvents.blocksRemoved(List.copyOf(removed));
            } catch (RuntimeException e) {
                LOG.error("blocksRemoved listener failed for entry {}:{} ({} blocks); block reports will reconcile",
                        term, index, removed.size(), e);
            }
        }
        return result;
    }
}
