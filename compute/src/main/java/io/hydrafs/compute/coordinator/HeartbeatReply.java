package io.hydrafs.compute.coordinator;

import java.util.List;

/** What a worker is told on a heartbeat: attempts to start, attempts to stop. */
public record HeartbeatReply(List<Assignment> assignments, List<AttemptKey> kills) {

    public HeartbeatReply {
        assignments = List.copyOf(assignments);
        kills = List.copyOf(kills);
    }
}
