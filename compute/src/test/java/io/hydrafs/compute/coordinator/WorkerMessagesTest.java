package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.Assignment;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.AttemptState;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.protocol.compute.AttemptRef;
import io.hydrafs.protocol.compute.AttemptStatus;
import io.hydrafs.protocol.compute.WorkerHeartbeatRequest;
import io.hydrafs.protocol.compute.WorkerHeartbeatResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Heartbeats from the wire: what is accepted, what is refused at the edge. */
class WorkerMessagesTest {
    private static final AttemptKey MAP = new AttemptKey("job_1_0001", new TaskAttemptId(TaskType.MAP, 3, 1));

    private static WorkerHeartbeatRequest.Builder heartbeat() {
        return WorkerHeartbeatRequest.newBuilder().setWorkerId("w0").setHost("10.0.0.5").setShufflePort(7510)
                .setTotalSlots(4).setReduceSlots(1).setFreeSlots(2).addLocality("b1").setStartTimeMs(77);
    }

    private static AttemptStatus status(AttemptKey key, io.hydrafs.protocol.compute.AttemptState state) {
        return AttemptStatus.newBuilder().setAttempt(ComputeWire.toProto(key)).setState(state).build();
    }

    @Test
    void aValidHeartbeatBecomesAReportWithItsAttempts() throws Exception {
        Counters c = new Counters();
        c.increment(TaskCounter.MAP_INPUT_RECORDS, 12);
        c.increment("user", "lines", 3);
        WorkerHeartbeatRequest req = heartbeat().addAttempts(AttemptStatus.newBuilder()
                .setAttempt(ComputeWire.toProto(MAP)).setState(io.hydrafs.protocol.compute.AttemptState.ATTEMPT_SUCCEEDED)
                .addAllCounters(ComputeWire.toProto(c))).build();

        WorkerReport r = WorkerMessages.report(req);

        assertEquals(new WorkerReport("w0", "10.0.0.5", 7510, 4, 1, 2, Set.of("b1"), 77, List.of()),
                new WorkerReport(r.workerId(), r.host(), r.shufflePort(), r.totalSlots(), r.reduceSlots(),
                        r.freeSlots(), r.locality(), r.startTimeMs(), List.of()));
        WorkerReport.AttemptReport a = r.attempts().get(0);
        assertEquals(MAP, a.attempt());
        assertEquals(AttemptState.SUCCEEDED, a.state());
        assertEquals(12, a.counters().get(TaskCounter.MAP_INPUT_RECORDS));
        assertEquals(3, a.counters().get("user", "lines"));
    }

    @Test
    void heartbeatsWithoutIdentityPortOrSaneSlotsAreRefused() {
        for (WorkerHeartbeatRequest bad : List.of(heartbeat().setWorkerId("").build(), heartbeat().setHost("").build(),
                heartbeat().setShufflePort(0).build(), heartbeat().setShufflePort(70_000).build(),
                heartbeat().setTotalSlots(0).setFreeSlots(0).build(), heartbeat().setFreeSlots(6).build(),
                heartbeat().setReduceSlots(0).setFreeSlots(5).build(), heartbeat().setReduceSlots(2000).build(),
                heartbeat().setFreeSlots(-1).build())) {
            HydraException e = assertThrows(HydraException.class, () -> WorkerMessages.report(bad), bad.toString());
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        }
    }

    @Test
    void attemptsListedTwiceOrWithoutStateOrTypeAreRefused() {
        var running = io.hydrafs.protocol.compute.AttemptState.ATTEMPT_RUNNING;
        AttemptRef noType = ComputeWire.toProto(MAP).toBuilder().setType(
                io.hydrafs.protocol.compute.TaskType.TASK_TYPE_UNSPECIFIED).build();
        for (WorkerHeartbeatRequest bad : List.of(
                heartbeat().addAttempts(status(MAP, running)).addAttempts(status(MAP, running)).build(),
                heartbeat().addAttempts(status(MAP, io.hydrafs.protocol.compute.AttemptState.ATTEMPT_STATE_UNSPECIFIED))
                        .build(),
                heartbeat().addAttempts(AttemptStatus.newBuilder().setAttempt(noType).setState(running)).build(),
                heartbeat().addAttempts(AttemptStatus.newBuilder().setAttempt(ComputeWire.toProto(MAP).toBuilder()
                        .setJobId("")).setState(running)).build(),
                heartbeat().addAttempts(AttemptStatus.newBuilder().setAttempt(ComputeWire.toProto(MAP).toBuilder()
                        .setTask(-1)).setState(running)).build())) {
            assertThrows(HydraException.class, () -> WorkerMessages.report(bad), bad.toString());
        }
    }

    @Test
    void aReplyCarriesAssignmentsKillsAndFinishedJobsThatDecodeBackTheSame() throws Exception {
        var spec = SchedulerHarness.spec(2, Map.of("k", "v"));
        InputSplit split = new InputSplit("/in/f", 0, 100, List.of("b0", "b2"));
        AttemptKey reduce = new AttemptKey("job_1_0001", new TaskAttemptId(TaskType.REDUCE, 1, 0));
        HeartbeatReply reply = new HeartbeatReply(List.of(new Assignment(MAP, spec, split, 0),
                new Assignment(reduce, spec, null, 7)), List.of(MAP), List.of("job_1_0000"));

        WorkerHeartbeatResponse wire = WorkerMessages.reply(reply);

        assertEquals(2, wire.getAssignmentsCount());
        assertEquals(MAP, ComputeWire.fromProto(wire.getAssignments(0).getAttempt()));
        assertEquals(spec, ComputeWire.fromProto(wire.getAssignments(0).getSpec()));
        assertEquals(split, ComputeWire.fromProto(wire.getAssignments(0).getSplit()));
        assertTrue(!wire.getAssignments(1).hasSplit() && wire.getAssignments(1).getNumMaps() == 7);
        assertEquals(MAP, ComputeWire.fromProto(wire.getKills(0)));
        assertEquals(List.of("job_1_0000"), wire.getFinishedJobsList());
    }
}
