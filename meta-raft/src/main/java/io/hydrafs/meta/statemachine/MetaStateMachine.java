package io.hydrafs.meta.statemachine;

import io.hydrafs.meta.store.AppliedIndex;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaStoreException;
import io.hydrafs.meta.store.RocksMetaStore;
import io.hydrafs.meta.store.StoreDirectories;
import io.hydrafs.meta.store.StoreStats;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The Ratis adapter around the namespace: each committed log entry is a {@link MetaBatch};
 * {@link BatchApplier} turns it into writes that are committed to RocksDB in one WriteBatch
 * together with the entry's (term, index) ({@link LogEntryApplier}), after which the blocks the
 * entry removed are reported to {@link AppliedBlockEvents}.
 *
 * <p>Restart: Ratis replays the log from the latest snapshot's index, but the database may
 * already hold later entries (it is written on every apply, not only at snapshots), so
 * entries at or below the database's applied index are skipped. Snapshots are checkpoints of
 * the database ({@link CheckpointSnapshots}); a follower that installs one from the leader is
 * paused, then {@link #reinitialize()} swaps the database for the checkpoint.
 *
 * <p>Lifecycle: NEW -> STARTING -> RUNNING (initialize); RUNNING -> PAUSING -> PAUSED (pause,
 * before a snapshot install); PAUSED -> STARTING -> RUNNING (reinitialize); any -> CLOSED.
 * Reads are refused with NOT_READY unless RUNNING.
 *
 * <p>Failure: a storage error while applying is fatal: apply throws, Ratis closes the server,
 * and the node stops instead of diverging from its peers. A failed precondition of one client
 * operation is an ordinary result inside the batch's answer.
 */
public final class MetaStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(MetaStateMachine.class);

    /** Leadership events, delivered on Ratis threads; implementations must not block. */
    public interface RoleListener {
        void onLeaderReady(long term);

        void onNotLeader();
    }

    private final Path dbDir;
    private final LogEntryApplier entries;
    private static final long ANSWERED_COMMIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final RoleListener roleListener;
    private final ApplyPriority applyPriority = ApplyPriority.probed();
    private final CheckpointSnapshots snapshots = new CheckpointSnapshots();
    /** Held while a checkpoint is written into {@code sm/}, and while pausing; see {@link #takeSnapshot}. */
    private final Object snapshotDirectory = new Object();
    /** Readers hold the read lock while using the store; swapping it (snapshot install) takes the write lock. */
    private final ReentrantReadWriteLock storeLock = new ReentrantReadWriteLock();
    private volatile RocksMetaStore store;
    /** Set once the store holds a formatted namespace; reads are refused before. */
    private volatile boolean formatted;

    private final java.util.function.Predicate<MetaReader> isFormatted;

    /**
     * @param isFormatted tells whether a store holds a formatted namespace (the first applied
     *                    batch formats it; see BatchApplier)
     */
    public MetaStateMachine(Path dbDir, BatchApplier applier, java.util.function.Predicate<MetaReader> isFormatted,
                            RoleListener roleListener) {
        this.dbDir = dbDir;
        this.entries = new LogEntryApplier(applier);
        this.isFormatted = isFormatted;
        this.roleListener = roleListener;
    }

    /**
     * Who is told of blocks removed by applied entries (after their batch is committed to the
     * store, on the apply thread; see {@link LogEntryApplier} for when events fire and when not).
     * Default {@link AppliedBlockEvents#NONE}; may be set before or after the node starts.
     */
    public void setAppliedBlockEvents(AppliedBlockEvents events) {
        entries.setBlockEvents(events);
    }

    /**
     * Who is told each applied batch's results before they are committed to the store (the
     * leader's batcher, to answer its callers early; see {@link AppliedBatchListener}).
     */
    public void setAppliedBatchListener(AppliedBatchListener listener) {
        entries.setBatchListener(listener);
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        snapshots.init(raftStorage);
        getLifeCycle().startAndTransition(this::openStore, IOException.class);
    }

    private void openStore() throws IOException {
        Files.createDirectories(dbDir);
        RocksMetaStore s = RocksMetaStore.open(dbDir);
        SnapshotInfo snap = snapshots.getLatestSnapshot();
        if (snap != null && snap.getIndex() > s.appliedIndex().index()) {
            // A snapshot was installed but the node stopped before the database was swapped.
            LOG.info("database at {} is behind snapshot {}; restoring it", s.appliedIndex(), snap.getTermIndex());
            try {
                s.restoreFrom(snapshots.latestDir().orElseThrow());
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        }
        store = s;
        formatted = isFormatted.test(s.reader());
        if (snap != null) {
            // Ratis resumes after the snapshot and tells us nothing until the next entry: without
            // this, a node restarted on a log that ends at its snapshot reported applied index 0
            // (refusing follower reads) until the group wrote again. Not the store's index, which
            // may be ahead: the replay of the entries in between must not move it backwards.
            setLastAppliedTermIndex(snap.getTermIndex());
        }
        LOG.info("meta store open at {}, applied {}", dbDir, s.appliedIndex());
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        applyPriority.onApplyThread();
        LogEntryProto entry = trx.getLogEntry();
        long term = entry.getTerm();
        long index = entry.getIndex();
        RocksMetaStore s = store;
        MetaBatchResult result;
        try {
            result = entries.apply(s, term, index, entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        } catch (RuntimeException e) {
            LOG.error("FATAL: applying entry {}:{} failed; stopping this node to avoid divergence", term, index, e);
            throw e;
        }
        updateLastAppliedTermIndex(term, index);
        if (result == null) {
            // already in the database: a replay after restart
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        formatted = true;
        return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(result.toByteArray())));
    }

    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        // Configuration and no-op entries never reach applyTransaction but count as applied.
        RocksMetaStore s = store;
        if (s != null && index > s.appliedIndex().index()) {
            s.markApplied(term, index);
        }
        updateLastAppliedTermIndex(term, index);
    }

    /** Used only as the completion step of a ReadIndex round (see ReadBarrier): nothing to compute. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        if (getLifeCycleState() != LifeCycle.State.RUNNING) {
            return CompletableFuture.failedFuture(new IOException("state machine is " + getLifeCycleState()));
        }
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /**
     * Takes a checkpoint into {@code sm/} unless the state machine is paused. Ratis pauses it on
     * an install thread right before moving {@code sm/} away and the installed snapshot in, while
     * snapshots are taken on the apply thread: a checkpoint written between those moves would
     * recreate {@code sm/} and make the install start over. {@link #pause} therefore waits for a
     * checkpoint under way, and none starts until {@link #reinitialize} has swapped the store.
     */
    @Override
    public long takeSnapshot() throws IOException {
        synchronized (snapshotDirectory) {
            if (getLifeCycleState() != LifeCycle.State.RUNNING) {
                return latestSnapshotIndex();
            }
            return checkpointNow();
        }
    }

    private long latestSnapshotIndex() {
        SnapshotInfo latest = snapshots.getLatestSnapshot();
        return latest == null ? -1 : latest.getIndex();
    }

    private long checkpointNow() throws IOException {
        RocksMetaStore s = store;
        TermIndex applied = getLastAppliedTermIndex();
        if (applied == null || s.appliedIndex().index() > applied.getIndex()) {
            // Replaying after a restart: the store is ahead of what Ratis has seen applied, and
            // Ratis refuses a snapshot beyond its applied index. Take it once replay caught up.
            return latestSnapshotIndex();
        }
        Path tmp = snapshots.tmpDir();
        AppliedIndex at;
        try {
            at = s.checkpoint(tmp);
        } catch (RuntimeException e) {
            // e.g. a full disk: Ratis logs an IOException and retries later; anything else would close the server
            CheckpointSnapshots.deleteTree(tmp);
            throw new IOException("checkpoint failed: " + e.getMessage(), e);
        }
        Path target = snapshots.dirFor(at.term(), at.index());
        if (Files.exists(target)) {
            CheckpointSnapshots.deleteTree(tmp);
        } else {
            Files.move(tmp, target);
            // Ratis purges the log up to the returned index next: the rename must be on disk
            // first, or a power loss could leave a log starting after the newest snapshot.
            StoreDirectories.fsyncDirectory(target.getParent());
        }
        snapshots.refresh();
        LOG.info("snapshot taken at {}:{}", at.term(), at.index());
        return at.index();
    }

    @Override
    public void pause() {
        synchronized (snapshotDirectory) {
            LifeCycle lc = getLifeCycle();
            if (lc.getCurrentState() == LifeCycle.State.RUNNING) {
                lc.transition(LifeCycle.State.PAUSING);
                lc.transition(LifeCycle.State.PAUSED);
            }
        }
    }

    @Override
    public void reinitialize() throws IOException {
        storeLock.writeLock().lock();
        try {
            snapshots.refresh();
            Optional<Path> dir = snapshots.latestDir();
            if (dir.isPresent()) {
                TermIndex ti = CheckpointSnapshots.termIndexOf(dir.get());
                LOG.info("installing snapshot {} into the meta store", ti);
                store.restoreFrom(dir.get());
                formatted = isFormatted.test(store.reader());
                setLastAppliedTermIndex(ti);
            }
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        } finally {
            storeLock.writeLock().unlock();
        }
    }

    /**
     * Runs a read against committed state, which includes every entry whose results this node
     * has answered; NOT_READY while a snapshot is being installed.
     */
    public <T> T read(StoreRead<T> read) throws HydraException {
        if (!formatted) {
            throw new HydraException(ErrorCode.NOT_READY, "the namespace is not formatted yet (no entry applied)");
        }
        return readUnchecked(read);
    }

    /** Like {@link #read} but also before the namespace is formatted (for digests and diagnostics). */
    public <T> T readUnchecked(StoreRead<T> read) throws HydraException {
        if (!storeLock.readLock().tryLock()) {
            throw new HydraException(ErrorCode.NOT_READY, "meta store is being replaced by a snapshot");
        }
        try {
            if (getLifeCycleState() != LifeCycle.State.RUNNING) {
                throw new HydraException(ErrorCode.NOT_READY, "meta state machine is " + getLifeCycleState());
            }
            RocksMetaStore s = store;
            awaitAnsweredInStore(s);
            return read.apply(s.reader());
        } finally {
            storeLock.readLock().unlock();
        }
    }

    private void awaitAnsweredInStore(RocksMetaStore s) throws HydraException {
        try {
            if (!entries.awaitAnsweredInStore(s, ANSWERED_COMMIT_WAIT_NANOS)) {
                throw new HydraException(ErrorCode.NOT_READY, "the store has not yet committed an answered entry");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.NOT_READY, "interrupted while waiting for the store");
        }
    }

    /** A read of the store that may fail with an expected error. */
    @FunctionalInterface
    public interface StoreRead<T> {
        T apply(MetaReader reader) throws HydraException;
    }

    /** The store's cache counters and RocksDB estimates; {@link StoreStats#NONE} while no store is open. */
    public StoreStats storeStats() {
        RocksMetaStore s = store;
        if (s == null) {
            return StoreStats.NONE;
        }
        try {
            return s.stats();
        } catch (MetaStoreException e) {
            return StoreStats.NONE; // closed under us (the node is stopping)
        }
    }

    /**
     * The latest batch time in the store (0 until it opens), entries skipped at a restart
     * included: a leader stamps no batch earlier.
     */
    public long storedBatchTimeMs() {
        RocksMetaStore s = store;
        return s == null ? 0 : s.appliedIndex().batchTimeMs();
    }

    public long appliedIndex() {
        TermIndex ti = getLastAppliedTermIndex();
        return ti == null ? 0 : Math.max(0, ti.getIndex());
    }

    /**
     * The highest log index whose results this node may have answered: the applied index, or
     * the entry being committed once its callers were told its results ({@link AppliedBatchListener}).
     * Responses carry it, so a client that reads from a follower next asks for at least it.
     */
    public long answeredIndex() {
        return Math.max(appliedIndex(), entries.answeredIndex());
    }

    @Override
    public void notifyLeaderReady() {
        // Ratis calls this before the new term's first entry counts as applied: the last applied
        // entry's term is the previous leader's, so ask the server for the current one.
        TermIndex ti = getLastAppliedTermIndex();
        long term = ti == null ? 0 : ti.getTerm();
        try {
            RaftServer server = getServer().getNow(null);
            if (server != null) {
                term = server.getDivision(getGroupId()).getInfo().getCurrentTerm();
            }
        } catch (IOException e) {
            LOG.warn("cannot read the current term; reporting the last applied entry's ({})", term, e);
        }
        roleListener.onLeaderReady(term);
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId member, RaftPeerId newLeaderId) {
        applyPriority.leaderChanged(member.getPeerId().equals(newLeaderId));
        if (!member.getPeerId().equals(newLeaderId)) {
            roleListener.onNotLeader();
        }
    }

    @Override
    public void close() throws IOException {
        storeLock.writeLock().lock();
        try {
            getLifeCycle().checkStateAndClose(() -> {
                RocksMetaStore s = store;
                if (s != null) {
                    s.close();
                }
            });
        } finally {
            storeLock.writeLock().unlock();
        }
    }
}
