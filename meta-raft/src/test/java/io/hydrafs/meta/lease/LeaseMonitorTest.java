package io.hydrafs.meta.lease;

import io.hydrafs.meta.namespace.LeaseHolders;
import io.hydrafs.meta.namespace.UnderConstructionFile;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MetaOpResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The leader's lease duty against a fake store and log: when it expires writers, and when it must not. */
class LeaseMonitorTest {
    private static final long HARD_LIMIT = 1_000;

    /** A store whose reads fail while {@link #failures} is positive, and a log that holds every proposal. */
    private static final class Context {
        long now;
        int failures;
        RuntimeException failure;
        final List<UnderConstructionFile> open = new ArrayList<>();
        final List<MetaOp> proposed = new ArrayList<>();
        final List<CompletableFuture<MetaOpResult>> answers = new ArrayList<>();
        final LeaseManager leases = new LeaseManager(HARD_LIMIT);
        final LeaseMonitor monitor = new LeaseMonitor(leases, this::read, this::propose, () -> now, "hdfs");

        private List<UnderConstructionFile> read() throws HydraException {
            if (failures > 0) {
                failures--;
                if (failure != null) {
                    throw failure;
                }
                throw new HydraException(ErrorCode.NOT_READY, "meta store is being replaced by a snapshot");
            }
            return List.copyOf(open);
        }

        private CompletableFuture<MetaOpResult> propose(MetaOp op) {
            proposed.add(op);
            CompletableFuture<MetaOpResult> f = new CompletableFuture<>();
            answers.add(f);
            return f;
        }

        List<String> expiredHolders() {
            return proposed.stream().map(op -> op.getExpireLease().getClientName()).toList();
        }
    }

    @Test
    void aWriterThatStopsRenewingIsExpiredOnceItsHardLimitHasPassed() {
        Context c = new Context();
        c.open.add(new UnderConstructionFile(5, "/f", "w1"));
        c.monitor.onLeaderReady();

        c.now = HARD_LIMIT;
        c.monitor.check();
        c.now = HARD_LIMIT + 1;
        c.monitor.check();

        assertEquals(List.of("w1"), c.expiredHolders());
    }

    @Test
    void aNewLeaderStartsARecoveryUnderWayAgainAtItsFirstCheck() {
        Context c = new Context();
        c.open.add(new UnderConstructionFile(5, "/truncated", LeaseHolders.RECOVERY));
        c.open.add(new UnderConstructionFile(6, "/written", "w1"));
        c.monitor.onLeaderReady();

        c.monitor.check();

        assertEquals(List.of(LeaseHolders.RECOVERY), c.expiredHolders(),
                "the recovery is attempted again (expire_lease of the recovery holder); the writer keeps its period");
        assertEquals("/truncated", c.proposed.get(0).getExpireLease().getPath());
    }

    @Test
    void aLeaseTableThatCouldNotBeRebuiltIsRebuiltByTheNextCheck() {
        Context c = new Context();
        c.open.add(new UnderConstructionFile(5, "/abandoned", "dead-writer"));
        c.failures = 1;
        c.monitor.onLeaderReady();               // the store is being replaced: no table yet

        c.monitor.check();                       // rebuilt now: the writer gets a full period from here
        c.now = HARD_LIMIT + 1;
        c.monitor.check();

        assertEquals(List.of("dead-writer"), c.expiredHolders());
    }

    @Test
    void holdersTakenByACheckThatFailedAreExpiredByTheNextOne() {
        Context c = new Context();
        c.open.add(new UnderConstructionFile(5, "/f", "w1"));
        c.monitor.onLeaderReady();
        c.now = HARD_LIMIT + 1;
        c.failures = 1;
        c.failure = new IllegalStateException("rocksdb: read failed");

        c.monitor.check();
        c.monitor.check();

        assertEquals(List.of("w1"), c.expiredHolders());
    }

    @Test
    void aLateAnswerFromAnEarlierLeadershipDoesNotExpireAWriterThatRenewedSince() {
        Context c = new Context();
        c.open.add(new UnderConstructionFile(5, "/f", "w1"));
        c.monitor.onLeaderReady();
        c.now = HARD_LIMIT + 1;
        c.monitor.check();                       // expire_lease of w1 proposed, not yet answered
        c.monitor.onNotLeader();
        c.now = 5_000;
        c.monitor.onLeaderReady();               // leader again; w1 still holds its file

        c.answers.get(0).completeExceptionally(new HydraException(ErrorCode.NOT_LEADER, "lost leadership"));
        c.now = 5_001;
        c.monitor.check();

        assertEquals(List.of("w1"), c.expiredHolders(), "no second expiry before w1's new period ends");
        c.now = 5_000 + HARD_LIMIT + 1;
        c.monitor.check();
        assertEquals(List.of("w1", "w1"), c.expiredHolders());
    }
}
