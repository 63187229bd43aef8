package io.hydrafs.meta.lease;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.meta.namespace.LeaseHolders;
import io.hydrafs.meta.namespace.Namespace;
import io.hydrafs.meta.namespace.UnderConstructionFile;
import io.hydrafs.meta.raft.ProposalBatcher;
import io.hydrafs.meta.statemachine.MetaStateMachine;
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
        RecoveryStarter NONE = (inodeId, block) -> { };

        /** Called on a proposal completion thread: must not block. */
        void start(long inodeId, BlockProto block);
    }

    private final LeaseManager leases;
    private final Namespace namespace;
    private final MetaStateMachine stateMachine;
    private final ProposalBatcher batcher;
    private final LongSupplier clockMs;
    private final String internalUser;
    private volatile RecoveryStarter recoveryStarter = RecoveryStarter.NONE;

    public LeaseMonitor(LeaseManager leases, Namespace namespace, MetaStateMachine stateMachine,
                        ProposalBatcher batcher, LongSupplier clockMs, String internalUser) {
        this.leases = leases;
        this.namespace = namespace;
        this.stateMachine = stateMachine;
        this.batcher = batcher;
        this.clockMs = clockMs;
        this.internalUser = internalUser;
    }

    public void setRecoveryStarter(RecoveryStarter starter) {
        this.recoveryStarter = starter == null ? RecoveryStarter.NONE : starter;
    }

    public void onLeaderReady() {
        try {
            List<UnderConstructionFile> open = stateMachine.read(namespace::filesUnderConstruction);
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
            LOG.info("leader lease table rebuilt: {} files under construction, {} of them in lease recovery",
                    open.size(), recovering.size());
        } catch (HydraException e) {
            LOG.warn("could not rebuild the lease table: {}", e.getMessage());
        }
    }

    /** Forgets the lease table: a node that is no longer leader must not act on old renewals. */
    public void onNotLeader() {
        leases.reset(List.of(), clockMs.getAsLong());
    }

    /** One pass: expire the leases past the hard limit, restart stalled recoveries. Called periodically on the leader. */
    public void check() {
        long now = clockMs.getAsLong();
        List<String> expired = leases.takeExpired(now);
        List<Long> stalled = leases.takeStalledRecoveries(now);
        if (expired.isEmpty() && stalled.isEmpty()) {
            return;
        }
        try {
            Set<String> gone = Set.copyOf(expired);
            Set<Long> retry = Set.copyOf(stalled);
            for (UnderConstructionFile f : stateMachine.read(namespace::filesUnderConstruction)) {
                if (gone.contains(f.leaseHolder())) {
                    LOG.info("lease of {} on {} expired; recovering the file", f.leaseHolder(), f.path());
                    expire(f);
                } else if (LeaseHolders.isRecovery(f.leaseHolder()) && retry.contains(f.inodeId())) {
                    LOG.info("lease recovery of {} did not finish within the hard limit; starting it again", f.path());
                    expire(f);
                }
            }
        } catch (HydraException e) {
            LOG.warn("lease check failed, will retry: {}", e.getMessage());
            for (String h : expired) {
                leases.renew(h, 0);
            }
            for (long id : stalled) {
                leases.recoveryStarted(id, 0);
            }
        }
    }

    private void expire(UnderConstructionFile f) {
        batcher.submit(MetaOp.newBuilder().setUser(internalUser)
                        .setExpireLease(RecoverLeaseRequest.newBuilder()
                                .setPath(f.path()).setClientName(f.leaseHolder()))
                        .build())
                .whenComplete((result, error) -> {
                    RecoverLeaseResponse answer = error == null ? answerOf(result) : null;
                    if (answer == null) {
                        // nothing changed: keep it due so that the next pass tries again
                        if (LeaseHolders.isRecovery(f.leaseHolder())) {
                            leases.recoveryStarted(f.inodeId(), 0);
                        } else {
                            leases.renew(f.leaseHolder(), 0);
                        }
                    } else if (!answer.getClosed() && answer.hasRecovering()) {
                        leases.recoveryStarted(answer.getInodeId(), clockMs.getAsLong());
                        recoveryStarter.start(answer.getInodeId(), answer.getRecovering());
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
