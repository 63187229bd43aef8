package io.hydrafs.compute.job;

import io.hydrafs.compute.api.Counters;

/**
 * A job as clients see it. {@code state} stays RUNNING while the output is committed or
 * removed; {@code failure} names the failed task, its last attempt and that attempt's error.
 */
public record JobStatus(String jobId, String name, State state, Progress maps, Progress reduces, Counters counters,
                        String failure, long submitTimeMs, long finishTimeMs, String output) {

    public enum State { RUNNING, SUCCEEDED, FAILED, KILLED }

    /** Tasks of one kind: how many, how many done, how many with an attempt running. */
    public record Progress(int total, int succeeded, int running) {
    }

    public boolean finished() {
        return state != State.RUNNING;
    }
}
