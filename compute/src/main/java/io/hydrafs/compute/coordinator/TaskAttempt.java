package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.AttemptState;

/**
 * The coordinator's record of one attempt: where it runs, since when, and how it ended. An
 * attempt leaves RUNNING exactly once; what a worker reports about an attempt that already
 * left RUNNING (e.g. killed here, then reported finished there) is ignored.
 */
final class TaskAttempt {
    private final AttemptKey key;
    private final String workerId;
    private final long startMs;
    private final boolean speculative;
    private AttemptState state = AttemptState.RUNNING;
    private long endMs;

    TaskAttempt(AttemptKey key, String workerId, long startMs, boolean speculative) {
        this.key = key;
        this.workerId = workerId;
        this.startMs = startMs;
        this.speculative = speculative;
    }

    AttemptKey key() {
        return key;
    }

    TaskAttemptId id() {
        return key.attempt();
    }

    String workerId() {
        return workerId;
    }

    long startMs() {
        return startMs;
    }

    boolean speculative() {
        return speculative;
    }

    AttemptState state() {
        return state;
    }

    boolean running() {
        return state == AttemptState.RUNNING;
    }

    long runtimeMs(long nowMs) {
        return (running() ? nowMs : endMs) - startMs;
    }

    void end(AttemptState outcome, long nowMs) {
        this.state = outcome;
        this.endMs = nowMs;
    }
}
