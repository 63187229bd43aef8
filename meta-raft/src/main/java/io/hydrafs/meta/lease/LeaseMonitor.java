package io.hydrafs.meta.lease;

import io.hydrafs.meta.namespace.Namespace;
import io.hydrafs.meta.namespace.UnderConstructionFile;
import io.hydrafs.meta.raft.ProposalBatcher;
import io.hydrafs.meta.statemachine.MetaStateMachine;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.RecoverLeaseRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Leader-only duty: closes the files of writers whose lease passed the hard limit, by
 * proposing an {@code expire_lease} operation per file (so every replica closes it at the same
 * log index). Driven by the node's scheduler; {@link #onLeaderReady()} rebuilds the lease
 * table from the files under construction.
 */
public final class LeaseMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseMonitor.class);

    private final LeaseManager leases;
    private final Namespace namespace;
    private final MetaStateMachine stateMachine;
    private final ProposalBatcher batcher;
    private final LongSupplier clockMs;
    private final String internalUser;

    public LeaseMonitor(LeaseManager leases, Namespace namespace, MetaStateMachine stateMachine,
                        ProposalBatcher batcher, LongSupplier clockMs, String internalUser) {
        this.leases = leases;
        this.namespace = namespace;
        this.stateMachine = stateMachine;
        this.batcher = batcher;
        this.clockMs = clockMs;
        this.internalUser = internalUser;
    }

    public void onLeaderReady() {
        try {
            List<UnderConstructionFile> open = stateMachine.read(namespace::filesUnderConstruction);
            Set<String> holders = open.stream().map(UnderConstructionFile::leaseHolder).collect(Collectors.toSet());
            leases.reset(holders, clockMs.getAsLong());
            LOG.info("leader lease table rebuilt: {} holders, {} files under construction", holders.size(), open.size());
        } catch (HydraException e) {
            LOG.warn("could not rebuild the lease table: {}", e.getMessage());
        }
    }

    /** Forgets the lease table: a node that is no longer leader must not act on old renewals. */
    public void onNotLeader() {
        leases.reset(java.util.List.of(), clockMs.getAsLong());
    }

    /** One pass: expire the leases past the hard limit. Called periodically on the leader. */
    public void check() {
        List<String> expired = leases.takeExpired(clockMs.getAsLong());
        if (expired.isEmpty()) {
            return;
        }
        try {
            Set<String> gone = Set.copyOf(expired);
            List<UnderConstructionFile> files = stateMachine.read(namespace::filesUnderConstruction);
            for (UnderConstructionFile f : files) {
                if (gone.contains(f.leaseHolder())) {
                    LOG.info("lease of {} on {} expired; closing the file", f.leaseHolder(), f.path());
                    String holder = f.leaseHolder();
                    batcher.submit(MetaOp.newBuilder().setUser(internalUser)
                            .setExpireLease(RecoverLeaseRequest.newBuilder()
                                    .setPath(f.path()).setClientName(holder))
                            .build())
                            .whenComplete((result, error) -> {
                                if (error != null || result.hasError()) {
                                    // not closed: keep the holder expired so the next pass tries again
                                    leases.renew(holder, 0);
                                }
                            });
                }
            }
        } catch (HydraException e) {
            LOG.warn("lease check failed, will retry: {}", e.getMessage());
            for (String h : expired) {
                leases.renew(h, 0);
            }
        }
    }
}
