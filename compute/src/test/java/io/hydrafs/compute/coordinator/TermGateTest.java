package io.hydrafs.compute.coordinator;

import com.google.protobuf.ByteString;
import io.hydrafs.compute.coordinator.journal.TermJournal;
import io.hydrafs.compute.coordinator.lease.FakeLeaseSource;
import io.hydrafs.compute.coordinator.lease.Leadership;
import io.hydrafs.protocol.compute.ComputeMethods;
import io.hydrafs.protocol.compute.WorkerHeartbeatRequest;
import io.hydrafs.protocol.compute.WorkerHeartbeatResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import io.hydrafs.protocol.net.RpcCall;
import io.hydrafs.protocol.net.RpcHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A coordinator's RPCs and ticks behind the lease, with a fake lease and clock (no cluster,
 * no threads): it schedules only while it holds the lease at its term's epoch.
 */
class TermGateTest {
    private static final long TTL = 3_000;

    private final FakeLeaseSource lease = new FakeLeaseSource();
    private final Leadership leadership = new Leadership(lease, "a", "127.0.0.1:1", TTL);
    private final List<Long> termsStarted = new ArrayList<>();
    private final List<JobScheduler> schedulers = new ArrayList<>();
    private final Map<String, RpcHandler> handlers = new HashMap<>();
    private long clock;
    private int journalsClosed;
    private TermGate gate;

    @BeforeEach
    void serve() {
        gate = new TermGate(leadership, () -> clock);
        new CoordinatorService(gate, null, () -> 1_000).registerAll(handlers::put);
    }

    private ActiveTerm startTerm(long epoch) throws HydraException {
        termsStarted.add(epoch);
        JobScheduler scheduler = new JobScheduler("job_" + epoch + "_", 10_000, e -> { });
        scheduler.submit(SchedulerHarness.spec(1, Map.of()),
                SchedulerHarness.splits(List.of(List.of("b0"), List.of("b1"))), 1_000);
        schedulers.add(scheduler);
        return new ActiveTerm(epoch, scheduler, new TermJournal() {
            @Override
            public void sync() {
            }

            @Override
            public void close() {
                journalsClosed++;
            }
        });
    }

    private WorkerHeartbeatResponse heartbeat() throws Exception {
        WorkerHeartbeatRequest req = WorkerHeartbeatRequest.newBuilder().setWorkerId("w0").setHost("127.0.0.1")
                .setShufflePort(9000).setTotalSlots(2).setFreeSlots(2).setStartTimeMs(5).build();
        RpcCall call = new RpcCall(1, ByteString.EMPTY, "u", List.of(), ComputeMethods.WORKER_HEARTBEAT,
                req.toByteString(), "test");
        try {
            return (WorkerHeartbeatResponse) handlers.get(ComputeMethods.WORKER_HEARTBEAT).handle(call).get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void aStandbyRefusesWithTheActiveCoordinatorAsHint() throws Exception {
        lease.handTo("b", "127.0.0.1:2");
        leadership.renew(clock);

        assertNull(gate.follow(this::startTerm));
        NotLeaderException e = assertThrows(NotLeaderException.class, this::heartbeat);

        assertEquals("127.0.0.1:2", e.leaderHint());
        assertTrue(termsStarted.isEmpty());
    }

    @Test
    void theLeaseHolderSchedulesOnceItsTermStarted() throws Exception {
        leadership.renew(clock);
        HydraException recovering = assertThrows(HydraException.class, this::heartbeat);

        assertNotNull(gate.follow(this::startTerm));

        assertEquals(ErrorCode.NOT_READY, recovering.code());
        assertEquals(2, heartbeat().getAssignmentsCount());
        assertEquals(List.of(1L), termsStarted);
    }

    @Test
    void aCoordinatorWhoseRenewalsStoppedStopsSchedulingBeforeItsLeaseRunsOut() throws Exception {
        leadership.renew(clock);
        gate.follow(this::startTerm);
        assertEquals(2, heartbeat().getAssignmentsCount());

        clock += TTL * 3 / 4;

        assertInstanceOf(NotLeaderException.class, assertThrows(HydraException.class, this::heartbeat));
        assertNull(gate.follow(this::startTerm));
        assertEquals(1, journalsClosed);
    }

    @Test
    void aCoordinatorThatLostTheLeaseToAnotherStopsAtOnceAndPointsAtTheNewOne() throws Exception {
        leadership.renew(clock);
        gate.follow(this::startTerm);
        lease.handTo("b", "127.0.0.1:2");

        clock += 1_000;
        leadership.renew(clock);

        NotLeaderException e = assertThrows(NotLeaderException.class, this::heartbeat);
        assertEquals("127.0.0.1:2", e.leaderHint());
        assertNull(gate.follow(this::startTerm));
        assertEquals(1, journalsClosed);
    }

    @Test
    void aLeaseRegainedAtANewEpochStartsANewTermFromTheJournal() throws Exception {
        leadership.renew(clock);
        gate.follow(this::startTerm);
        lease.handTo("b", "127.0.0.1:2");
        lease.release("b");

        clock += 1_000;
        leadership.renew(clock);
        ActiveTerm next = gate.follow(this::startTerm);

        assertEquals(List.of(1L, 3L), termsStarted);
        assertEquals(3, next.epoch());
        assertEquals(1, journalsClosed);
        assertEquals(2, heartbeat().getAssignmentsCount());
        assertTrue(schedulers.get(0).liveWorkers().isEmpty(), "the old term's scheduler is not used any more");
    }

    @Test
    void aTermWhoseJournalFailedEndsAndGivesTheLeaseUp() throws Exception {
        leadership.renew(clock);
        JobScheduler scheduler = new JobScheduler("job_", 10_000, e -> { });
        ActiveTerm failing = new ActiveTerm(1, scheduler, new TermJournal() {
            @Override
            public void sync() throws HydraException {
                throw new HydraException(ErrorCode.PIPELINE_FAILED, "no replica left");
            }

            @Override
            public void close() {
                journalsClosed++;
            }
        });
        gate.follow(epoch -> failing);

        assertEquals(ErrorCode.PIPELINE_FAILED, assertThrows(HydraException.class, this::heartbeat).code());
        assertNull(gate.follow(epoch -> {
            throw new AssertionError("the lease was given up: no new term");
        }));
        assertEquals(1, journalsClosed);
        Leadership standby = new Leadership(lease, "b", "127.0.0.1:2", TTL);
        standby.renew(clock);
        assertTrue(standby.activeEpoch(clock).isPresent(), "the lease was released for the standby");
    }
}
