package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.job.Assignment;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.protocol.compute.AttemptStatus;
import io.hydrafs.protocol.compute.TaskAssignment;
import io.hydrafs.protocol.compute.WorkerHeartbeatRequest;
import io.hydrafs.protocol.compute.WorkerHeartbeatResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A worker's heartbeat from the wire into a {@link WorkerReport}, refusing what the scheduler
 * must never see (no id, no shuffle port, more free slots than slots, an attempt listed
 * twice), and the scheduler's {@link HeartbeatReply} back onto the wire.
 */
final class WorkerMessages {
    static final int MAX_SLOTS = 1024;

    private WorkerMessages() {
    }

    static WorkerReport report(WorkerHeartbeatRequest req) throws HydraException {
        require(!req.getWorkerId().isEmpty() && !req.getHost().isEmpty(), "a worker must state its id and host");
        require(req.getShufflePort() > 0 && req.getShufflePort() <= 65_535,
                "worker " + req.getWorkerId() + " has no valid shuffle port: " + req.getShufflePort());
        require(req.getTotalSlots() >= 1 && req.getTotalSlots() <= MAX_SLOTS && req.getReduceSlots() <= MAX_SLOTS
                        && req.getFreeSlots() >= 0 && req.getFreeSlots() <= req.getTotalSlots() + req.getReduceSlots(),
                "worker " + req.getWorkerId() + ": bad slots " + req.getFreeSlots() + "/" + req.getTotalSlots()
                        + "+" + req.getReduceSlots());
        List<WorkerReport.AttemptReport> attempts = new ArrayList<>();
        HashSet<AttemptKey> seen = new HashSet<>();
        for (AttemptStatus s : req.getAttemptsList()) {
            AttemptKey key = ComputeWire.fromProto(s.getAttempt());
            require(seen.add(key), "worker " + req.getWorkerId() + " lists " + key + " twice");
            attempts.add(switch (s.getState()) {
                case ATTEMPT_RUNNING -> WorkerReport.AttemptReport.running(key);
                case ATTEMPT_SUCCEEDED -> WorkerReport.AttemptReport.succeeded(key,
                        ComputeWire.fromProto(s.getCountersList()));
                case ATTEMPT_FAILED -> WorkerReport.AttemptReport.failed(key,
                        s.getError().isEmpty() ? "(no error given)" : s.getError());
                case ATTEMPT_KILLED -> WorkerReport.AttemptReport.killed(key);
                default -> throw new HydraException(ErrorCode.INVALID_ARGUMENT, key + " is in no state");
            });
        }
        return new WorkerReport(req.getWorkerId(), req.getHost(), req.getShufflePort(), req.getTotalSlots(),
                req.getReduceSlots(), req.getFreeSlots(), new HashSet<>(req.getLocalityList()), req.getStartTimeMs(), attempts);
    }

    static WorkerHeartbeatResponse reply(HeartbeatReply reply) {
        WorkerHeartbeatResponse.Builder b = WorkerHeartbeatResponse.newBuilder();
        for (Assignment a : reply.assignments()) {
            TaskAssignment.Builder t = TaskAssignment.newBuilder().setAttempt(ComputeWire.toProto(a.attempt()))
                    .setSpec(ComputeWire.toProto(a.spec())).setNumMaps(a.numMaps());
            if (a.split() != null) {
                t.setSplit(ComputeWire.toProto(a.split()));
            }
            b.addAssignments(t);
        }
        reply.kills().forEach(k -> b.addKills(ComputeWire.toProto(k)));
        b.addAllFinishedJobs(reply.finishedJobs());
        return b.build();
    }

    private static void require(boolean ok, String message) throws HydraException {
        if (!ok) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, message);
        }
    }
}
