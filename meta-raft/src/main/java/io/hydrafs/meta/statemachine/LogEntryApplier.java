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
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One committed log entry into the store, without Ratis: skip it if the store already has it,
 * else apply its batch, tell {@link AppliedBatchListener} the results, commit the writes with
 * the entry's (term, index) in one WriteBatch, and only then tell {@link AppliedBlockEvents}
 * which blocks it removed and, when it changed the decommissioning set, the whole set as of
 * this entry.
 *
 * <p>Events follow the store: they fire once per entry that this store applies, on every node,
 * including entries applied while catching up or replaying the log after a restart. They do not
 * fire for entries the store already held before a restart (skipped here), nor for a snapshot
 * installed from the leader: the block locations they would clean up are soft state that starts
 * empty then, and block reports of ids absent from the namespace's block index reconcile it.
 *
 * <p>A listener failure is logged, not thrown: the entry is committed, and failing the apply
 * would stop the node for the sake of soft state that reports repair anyway. A failure to read
 * the store for an event (the decommissioning set) is a storage failure, and propagates.
 */
final class LogEntryApplier {
    private static final Logger LOG = LoggerFactory.getLogger(LogEntryApplier.class);

    private final BatchApplier applier;
    private volatile AppliedBlockEvents blockEvents = AppliedBlockEvents.NONE;
    private volatile AppliedBatchListener batchListener = AppliedBatchListener.NONE;
    /** The last entry whose results the listener was told, perhaps before the store has it. */
    private volatile long answeredIndex;
    /** Notified after the store commits an entry whose results were answered. */
    private final Object answeredCommits = new Object();

    LogEntryApplier(BatchApplier applier) {
        this.applier = applier;
    }

    void setBlockEvents(AppliedBlockEvents events) {
        this.blockEvents = events == null ? AppliedBlockEvents.NONE : events;
    }

    long answeredIndex() {
        return answeredIndex;
    }

    /**
     * Waits until the store holds every entry whose results were answered, so that a read of the
     * store never shows a caller state older than an answer it already has (the store commits
     * just after answering, so this is a wait of some 0.1 ms at most). False if it took longer
     * than {@code timeoutNanos}.
     */
    boolean awaitAnsweredInStore(RocksMetaStore store, long timeoutNanos) throws InterruptedException {
        long answered = answeredIndex;
        if (store.appliedIndex().index() >= answered) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (answeredCommits) {
            while (store.appliedIndex().index() < answered) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(answeredCommits, left);
            }
        }
        return true;
    }

    void setBatchListener(AppliedBatchListener listener) {
        this.batchListener = listener == null ? AppliedBatchListener.NONE : listener;
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
            answeredIndex = index;
            try {
                batchListener.applied(batch, result);
            } catch (RuntimeException e) {
                LOG.error("batch listener failed for entry {}:{}; its callers get the log's answer", term, index, e);
            }
            store.commit(w, term, index, batch.getTimestampMs());
        }
        synchronized (answeredCommits) {
            answeredCommits.notifyAll();
        }
        if (batch.getOpsList().stream().anyMatch(MetaOp::hasSetDecommissioning)) {
            // Read outside the listener's guard: a storage error here is the store's, and fatal.
            var decommissioning = Coordination.decommissioning(store.reader());
            try {
                blockEvents.decommissioningChanged(decommissioning, index);
            } catch (RuntimeException e) {
                LOG.error("decommissioningChanged listener failed for entry {}:{}", term, index, e);
            }
        }
        Set<String> changedFiles = changedFiles(batch);
        if (!changedFiles.isEmpty()) {
            try {
                blockEvents.filesChanged(changedFiles);
            } catch (RuntimeException e) {
                LOG.error("filesChanged listener failed for entry {}:{}", term, index, e);
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

    /** Paths whose files' block records changed with no replica changing: see {@link AppliedBlockEvents#filesChanged}. */
    private static Set<String> changedFiles(MetaBatch batch) {
        Set<String> paths = null;
        for (MetaOp op : batch.getOpsList()) {
            // a file completed without a block has no replica to check
            String path = op.hasSetReplication() ? op.getSetReplication().getPath()
                    : op.hasComplete() && op.getComplete().hasLast() ? op.getComplete().getPath()
                    : op.hasConcat() ? op.getConcat().getTarget() : null;
            if (path != null) {
                if (paths == null) {
                    paths = new HashSet<>();
                }
                paths.add(path);
            }
        }
        return paths == null ? Set.of() : paths;
    }
}
