package io.hydrafs.compute.worker;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.AttemptState;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.protocol.compute.AttemptStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a worker reports about its attempts, and when it forgets them. */
class AttemptTableTest {
    private final AttemptTable table = new AttemptTable();

    private static AttemptKey key(int task) {
        return new AttemptKey("job_1_0001", new TaskAttemptId(TaskType.MAP, task, 0));
    }

    private static io.hydrafs.protocol.compute.AttemptState wireState(AttemptState s) {
        return io.hydrafs.protocol.compute.AttemptState.valueOf("ATTEMPT_" + s.name());
    }

    @Test
    void anEndedAttemptIsReportedUntilAHeartbeatCarryingItIsAnswered() {
        table.started(key(0));
        table.started(key(1));
        assertEquals(2, table.busySlots());
        table.ended(key(0), AttemptState.SUCCEEDED, new Counters(), null);
        table.threadDone(key(0));

        List<AttemptStatus> sent = table.statuses();
        assertEquals(List.of(wireState(AttemptState.SUCCEEDED), wireState(AttemptState.RUNNING)),
                sent.stream().map(AttemptStatus::getState).toList());
        assertEquals(1, table.busySlots(), "the ended attempt's slot is free");
        table.acknowledged(sent);

        assertEquals(List.of(ComputeWire.toProto(key(1))), table.statuses().stream().map(AttemptStatus::getAttempt).toList());
    }

    @Test
    void aKilledAttemptIsInterruptedReportedKilledAndKeepsItsSlotUntilItsThreadEnds() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        table.started(key(0));
        table.setFuture(key(0), future);

        table.kill(key(0));
        table.ended(key(0), AttemptState.FAILED, null, "interrupted");  // what the thread says afterwards

        assertTrue(future.isCancelled());
        assertTrue(table.killed(key(0)));
        assertEquals(wireState(AttemptState.KILLED), table.statuses().get(0).getState());
        assertEquals(1, table.busySlots());
        table.acknowledged(table.statuses());
        assertEquals(1, table.statuses().size(), "kept while its thread runs");
        table.threadDone(key(0));
        table.acknowledged(table.statuses());
        assertTrue(table.statuses().isEmpty());
    }
}
