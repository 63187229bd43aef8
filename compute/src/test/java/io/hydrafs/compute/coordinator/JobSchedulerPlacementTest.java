package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.coordinator.SchedulerHarness.FakeWorker;
import io.hydrafs.compute.job.Assignment;
import io.hydrafs.compute.job.AttemptKey;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where and when attempts start: locality, delay scheduling, slow start, speculation, slots. */
class JobSchedulerPlacementTest {
    private final SchedulerHarness h = new SchedulerHarness();

    @Test
    void mapsGoFirstToWorkersHoldingAReplicaOfTheirSplit() throws Exception {
        String job = h.scheduler.submit(SchedulerHarness.spec(1, Map.of()),
                SchedulerHarness.splits(List.of(List.of("b0"), List.of("b1"), List.of("b0", "b2"), List.of("b1"))),
                h.now);
        FakeWorker w0 = h.worker("w0", 4, "b0");
        FakeWorker w1 = h.worker("w1", 4, "b1");
        w1.announce();

        List<Assignment> got = w0.heartbeat();

        assertEquals(List.of(0, 2), got.stream().map(a -> a.attempt().attempt().task()).toList());
        assertEquals(2, h.status(job).counters().get(TaskCounter.DATA_LOCAL_MAPS));
        assertEquals(0, h.status(job).counters().get(TaskCounter.OTHER_LOCAL_MAPS));
    }

    @Test
    void aMapWaitsForItsLocalWorkerOnlyUntilTheLocalityWaitIsOver() throws Exception {
        String job = h.scheduler.submit(SchedulerHarness.spec(1, Map.of(SchedulingSettings.LOCALITY_WAIT_MS, "500")),
                SchedulerHarness.splits(List.of(List.of("b1"))), h.now);
        FakeWorker w0 = h.worker("w0", 1, "b0");
        h.worker("w1", 1, "b1").announce();  // holds the data, but no free slot

        assertTrue(w0.heartbeat().isEmpty(), "waits for the local worker");
        h.advance(500);
        List<Assignment> got = w0.heartbeat();

        assertEquals(1, got.size());
        assertEquals(1, h.status(job).counters().get(TaskCounter.OTHER_LOCAL_MAPS));
    }

    @Test
    void aMapWhoseReplicasNoWorkerReadsLocallyStartsAtOnceAnywhere() throws Exception {
        String job = h.scheduler.submit(SchedulerHarness.spec(1, Map.of()),
                SchedulerHarness.splits(List.of(List.of("b7"), List.of())), h.now);

        assertEquals(2, h.worker("w0", 2, "b0").heartbeat().size());
        assertEquals(2, h.status(job).counters().get(TaskCounter.OTHER_LOCAL_MAPS));
    }

    @Test
    void reducesStartOnlyOnceTheSlowstartFractionOfMapsSucceeded() throws Exception {
        String job = h.submit(4, 2, Map.of(SchedulingSettings.SLOWSTART, "0.5"));
        FakeWorker w = h.worker("w0", 4, "b0", "b1", "b2");
        List<Assignment> maps = w.heartbeat();
        assertEquals(4, maps.size());

        w.succeed(maps.get(0).attempt());
        assertTrue(w.heartbeat().isEmpty(), "a slot is free but no reduce may start yet");

        w.succeed(maps.get(1).attempt());
        List<Assignment> next = w.heartbeat();

        assertEquals(2, next.size(), "both free slots get a reduce");
        assertTrue(next.stream().allMatch(a -> a.attempt().attempt().type() == TaskType.REDUCE));
        assertEquals(4, next.get(0).numMaps());
        assertEquals(2, h.status(job).maps().succeeded());
    }

    @Test
    void reducesLeaveAWorkerOneSlotWhileMapsAreUnfinished() throws Exception {
        submitOneMapWaitingForAnotherWorker(2);

        List<Assignment> got = h.worker("w0", 2, "b0").heartbeat();

        assertEquals(1, got.size(), "one reduce, one slot kept for maps");
        assertEquals(TaskType.REDUCE, got.get(0).attempt().attempt().type());
    }

    @Test
    void aReduceOnlySlotLetsAReduceShuffleBesideAFullSetOfMaps() throws Exception {
        h.submit(6, 2, Map.of(SchedulingSettings.SLOWSTART, "0"));
        FakeWorker w = h.worker("w0", 2, 1, "b0", "b1", "b2");

        List<Assignment> got = w.heartbeat();

        assertEquals(List.of(TaskType.MAP, TaskType.MAP, TaskType.REDUCE), types(got));
        w.succeed(got.get(0).attempt());
        assertEquals(List.of(TaskType.MAP), types(w.heartbeat()),
                "the freed general slot goes to a map: the second reduce would leave maps none");
    }

    @Test
    void mapsNeverTakeAReduceOnlySlot() throws Exception {
        h.submit(5, 1, Map.of(SchedulingSettings.SLOWSTART, "1"));
        FakeWorker w = h.worker("w0", 2, 1, "b0", "b1", "b2");

        assertEquals(List.of(TaskType.MAP, TaskType.MAP), types(w.heartbeat()));
        assertTrue(w.heartbeat().isEmpty(), "the reduce-only slot stays free while no reduce may start");
    }

    @Test
    void onceEveryMapSucceededReducesTakeGeneralSlotsToo() throws Exception {
        h.submit(1, 3, Map.of(SchedulingSettings.SLOWSTART, "1"));
        FakeWorker w = h.worker("w0", 1, 1, "b0", "b1", "b2");
        List<Assignment> map = w.heartbeat();
        assertEquals(List.of(TaskType.MAP), types(map));

        w.succeed(map.get(0).attempt());

        assertEquals(List.of(TaskType.REDUCE, TaskType.REDUCE), types(w.heartbeat()));
    }

    @Test
    void reducesFillReduceOnlySlotsBeforeTakingGeneralOnesFromUnfinishedMaps() throws Exception {
        submitOneMapWaitingForAnotherWorker(4);

        List<Assignment> got = h.worker("w0", 2, 1, "b0").heartbeat();

        assertEquals(List.of(TaskType.REDUCE, TaskType.REDUCE), types(got),
                "one reduce-only slot, one general slot; the other general slot is kept for maps");
    }

    /** A job whose one map waits (locality) for worker w1 on b1, and whose reduces may start at once. */
    private void submitOneMapWaitingForAnotherWorker(int reducers) throws Exception {
        h.scheduler.submit(SchedulerHarness.spec(reducers, Map.of(SchedulingSettings.SLOWSTART, "0",
                        SchedulingSettings.LOCALITY_WAIT_MS, "60000")),
                SchedulerHarness.splits(List.of(List.of("b1"))), h.now);
        h.worker("w1", 2, "b1").announce();
    }

    private static List<TaskType> types(List<Assignment> assignments) {
        return assignments.stream().map(a -> a.attempt().attempt().type()).toList();
    }

    @Test
    void aWorkerGetsNoMoreAttemptsThanItHasFreeSlots() throws Exception {
        h.submit(10, 1, Map.of());
        FakeWorker w = h.worker("w0", 3, "b0", "b1", "b2");

        assertEquals(3, w.heartbeat().size());
        assertTrue(w.heartbeat().isEmpty(), "all slots busy");
    }

    @Test
    void aStragglerGetsOneSpeculativeCopyElsewhereAndTheFirstToSucceedWins() throws Exception {
        String job = h.submit(3, 1, Map.of(SchedulingSettings.SPECULATIVE_MIN_RUNTIME_MS, "100",
                SchedulingSettings.SLOWSTART, "1"));
        FakeWorker slow = h.worker("w0", 1, "b0", "b1", "b2");
        FakeWorker fast = h.worker("w1", 2, "b0", "b1", "b2");
        AttemptKey straggler = slow.heartbeat().get(0).attempt();
        fast.heartbeat();
        h.advance(100);
        fast.succeedAll();  // the two other maps took 100 ms
        h.advance(150);
        h.scheduler.tick(h.now);
        assertEquals(0, h.status(job).counters().get(TaskCounter.SPECULATIVE_ATTEMPTS), "150 ms < 2 x median");
        h.advance(100);
        h.scheduler.tick(h.now);

        List<Assignment> copy = fast.heartbeat();

        assertEquals(1, copy.size());
        assertEquals(straggler.attempt().task(), copy.get(0).attempt().attempt().task());
        assertNotEquals(straggler, copy.get(0).attempt());
        assertEquals(1, h.status(job).counters().get(TaskCounter.SPECULATIVE_ATTEMPTS));
        h.scheduler.tick(h.now);
        assertTrue(fast.heartbeat().isEmpty(), "one copy per task");

        fast.succeed(copy.get(0).attempt());
        fast.heartbeat();
        slow.heartbeat();

        assertEquals(List.of(straggler), slow.killed, "the original is killed when the copy wins");
        assertEquals(3, h.status(job).maps().succeeded());
        assertTrue(h.scheduler.mapOutputEvents(job, 0).stream()
                .anyMatch(e -> e.mapIndex() == straggler.attempt().task() && e.attempt() == 1));
    }

    @Test
    void noSpeculationWhenTheJobTurnsItOff() throws Exception {
        String job = h.submit(2, 1, Map.of(SchedulingSettings.SPECULATIVE, "false",
                SchedulingSettings.SPECULATIVE_MIN_RUNTIME_MS, "0"));
        FakeWorker slow = h.worker("w0", 1, "b0", "b1", "b2");
        FakeWorker fast = h.worker("w1", 1, "b0", "b1", "b2");
        slow.heartbeat();
        fast.heartbeat();
        h.advance(10);
        fast.succeedAll();
        h.advance(10_000);
        slow.heartbeat();
        h.scheduler.tick(h.now);

        assertFalse(fast.heartbeat().stream().anyMatch(a -> a.attempt().attempt().type() == TaskType.MAP));
        assertEquals(0, h.status(job).counters().get(TaskCounter.SPECULATIVE_ATTEMPTS));
    }

    @Test
    void invalidSchedulingSettingsRefuseTheJob() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(io.hydrafs.protocol.error.HydraException.class,
                () -> h.submit(1, 1, Map.of(SchedulingSettings.SLOWSTART, "1.5")));
        assertTrue(e.getMessage().contains(SchedulingSettings.SLOWSTART), e.getMessage());
    }
}
