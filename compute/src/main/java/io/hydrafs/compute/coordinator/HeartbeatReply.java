package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.job.Assignment;
import io.hydrafs.compute.job.AttemptKey;

import java.util.List;

/**
 * What a worker is told on a heartbeat: attempts to start, attempts to stop, and jobs it ran
 * attempts of that are over (their map outputs and jars can go).
 */
public record HeartbeatReply(List<Assignment> assignments, List<AttemptKey> kills, List<String> finishedJobs) {

    public HeartbeatReply {
        assignments = List.copyOf(assignments);
        kills = List.copyOf(kills);
        finishedJobs = List.copyOf(finishedJobs);
    }
}
