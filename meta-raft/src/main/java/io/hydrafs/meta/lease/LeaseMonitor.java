package io.hydrafs.meta.lease;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.meta.namespace.LeaseHolders;
import io.hydrafs.meta.namespace.UnderConstructionFile;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MetaOpResult;
import io.hydrafs.protocol.meta.RecoverLeaseRequest;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Leader-only duty: takes files away from writers whose lease passed the hard limit, by
 * proposing an {@code expire_lease} operation per file (so every replica acts at the same log
 * index). A file without blocks closes; a file with blocks enters lease recovery (the namespace
 * holds its lease) and the {@link RecoveryStarter} is told to order its block recovered.
 *
 * <p>A recovery attempt that has not closed its file within the hard limit is started again,
 * with another expire_lease naming {@link LeaseHolders#RECOVERY} (a new attempt, a newer stamp):
 * see {@link LeaseManager} for the per-file tracking. Driven by the node's scheduler;
 * {@link #onLeaderReady()} rebuilds the lease table and the recoveries from the files under
 * construction.
 */
public final class LeaseMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseMonitor.class);

    /** Orders the recovery of a file's last block (the leader's block management). */
    @FunctionalInterface
    public interface RecoveryStarter {
        RecoveryStarter NONE = (inodeId, block, truncate) -> { };

        /** Called on a proposal completion thread: must not block. {@code truncate}: a truncate's recovery. */
        void start(long inodeId, BlockProto block, boolean truncate);
    }

    /** The files under construction, read from the local store (fails while it cannot be read). */
    @FunctionalInterface
    public interface FilesUnderConstruction {
        List<UnderConstructionFile> read() throws HydraException;
    }

    private final LeaseManager leases;
    private final FilesUnderConstruction openFiles;
    private final Function<MetaOp, CompletableFuture<MetaOpResult>> proposer;
    private final LongSupplier clockMs;
    private final String internalUser;
    private volatile RecoveryStarter recoveryStarter = RecoveryStarter.NONE;
    /** Leader, but the lease table is not yet rebuilt from the store; see {@link #onLeaderReady}. */
    private volatile boolean rebuildPending;

    /**
     * @param proposer submits one operation to the log (the leader's batcher) and completes with its result
     */
    public LeaseMonitor(LeaseManager leases, FilesUnderConstruction openFiles,
                        Function<MetaOp, CompletableFuture<MetaOpResult>> proposer, LongSupplier clockMs,
                        String internalUser) {
        this.leases = leases;
        this.openFiles = openFiles;
        this.proposer = proposer;
        this.clockMs = clockMs;
        this.internalUser = internalUser;
    }

    public void setRecoveryStarter(RecoveryStarter starter) {
        this.recoveryStarter = starter == null ? RecoveryStarter.NONE : starter;
    }

    /**
     * Rebuilds the lease table from the files under construction. If the store cannot be read
     * now (a snapshot being installed), {@link #check} tries again instead of expiring anything:
     * an empty table for the whole term would never expire an abandoned file.
     */
    public void onLeaderReady() {
        rebuildPending = true;
        rebuildTable();
    }

    private void rebuildTable() {
        try {
            List<UnderConstructionFile> open = openFiles.read();
            List<String> holders = new ArrayList<>();
            List<Long> recovering = new ArrayList<>();
            for (UnderConstructionFile f : open) {
                if (LeaseHolders.isRecovery(f.leaseHolder())) {
                    recovering.add(f.inodeId());
                } else {
                    holders.add(f.leaseHolder());
                }
            }
            leases.reset(holders, recovering, clockMs.getAsLong());
            rebuildPending = false;
            LOG.info("leader lease table rebuilt: {} files under construction, {} of them in lease recovery",
                    open.size(), recovering.size());
        } catch (HydraException | RuntimeException e) {
            LOG.warn("could not rebuild the lease table, will retry: {}", e.toString());
        }
    }

    /** Forgets the lease table: a node that is no longer leader must not act on old renewals. */
    public void onNotLeader() {
        rebuildPending = false;
        leases.reset(List.of(), clockMs.getAsLong());
    }

    /** One pass: expire the leases past the hard limit, restart stalled recoveries. Called periodically on the leader. */
    public void check() {
        if (rebuildPending) {
            rebuildTable();
            if (rebuildPending) {
                return;
            }
        }
        long now = clockMs.getAsLong();
        long generation = leases.generation();
        List<String> expired = leases.takeExpired(now);
        List<Long> stalled = leases.takeStalledRecoveries(now);
        if (expired.isEmpty() && stalled.isEmpty()) {
            return;
        }
        try {
            Set<String> gone = Set.copyOf(expired);
            Set<Long> retry = Set.copyOf(stalled);
            for (UnderConstructionFile f : openFiles.read()) {
                if (gone.contains(f.leaseHolder())) {
                    LOG.info("lease of {} on {} expired; recovering the file", f.leaseHolder(), f.path());
                    expire(f, generation);
                } else if (LeaseHolders.isRecovery(f.leaseHolder()) && retry.contains(f.inodeId())) {
                    LOG.info("starting the lease recovery of {} again (ordered by an earlier leader, or not done within the hard limit)",
                            f.path());
                    expire(f, generation);
                }
            }
        } catch (HydraException | RuntimeException e) {
            // Taken off the table above: put them back due, or their files would stay open all term.
            LOG.warn("lease check failed, will retry: {}", e.toString());
            for (String h : expired) {
                leases.putBack(h, 0, generation);
            }
            for (long id : stalled) {
                leases.putBackRecovery(id, 0, generation);
            }
        }
    }

    private void expire(UnderConstructionFile f, long generation) {
        proposer.apply(MetaOp.newBuilder().setUser(internalUser)
                        .setExpireLease(RecoverLeaseRequest.newBuilder()
                                .setPath(f.path()).setClientName(f.leaseHolder()))
                        .build())
                .whenComplete((result, error) -> {
                    RecoverLeaseResponse answer = null;
                    try {
                        answer = error == null ? answerOf(result) : null;
                    } catch (RuntimeException e) {
                        LOG.error("unreadable expire_lease answer for {}", f.path(), e);
                    }
                    // Writes below are dropped if this node's table was reset meanwhile (leadership lost).
                    if (answer == null) {
                        // nothing changed: keep it due so that the next pass tries again
                        if (LeaseHolders.isRecovery(f.leaseHolder())) {
                            leases.putBackRecovery(f.inodeId(), 0, generation);
                        } else {
                            leases.putBack(f.leaseHolder(), 0, generation);
                        }
                    } else if (!answer.getClosed() && answer.hasRecovering()) {
                        leases.putBackRecovery(answer.getInodeId(), clockMs.getAsLong(), generation);
                        recoveryStarter.start(answer.getInodeId(), answer.getRecovering(), answer.getTruncate());
                    }
                });
    }

    private static RecoverLeaseResponse answerOf(MetaOpResult result) {
        if (result.hasError()) {
            return null;
        }
        try {
            return RecoverLeaseResponse.parseFrom(result.getResponse());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("unparseable expire_lease answer", e);
        }
    }
}
