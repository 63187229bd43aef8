package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.AttemptState;

import java.util.List;
import java.util.Set;

/**
 * One heartbeat of a worker, as the scheduler sees it (already validated). {@code locality}
 * holds the keys split hosts are matched against (the blockstore ids the worker reads
 * locally). {@code attempts} lists every attempt the worker runs, and those that ended since
 * its last heartbeat.
 */
public record WorkerReport(String workerId, String host, int shufflePort, int totalSlots, int reduceSlots,
                           int freeSlots,
                           Set<String> locality, long startTimeMs, List<AttemptReport> attempts) {

    public WorkerReport {
        locality = Set.copyOf(locality);
        attempts = List.copyOf(attempts);
    }

    /** What a worker says about one attempt: counters when it succeeded, the error when it failed. */
    public record AttemptReport(AttemptKey attempt, AttemptState state, Counters counters, String error) {
        public static AttemptReport running(AttemptKey attempt) {
            return new AttemptReport(attempt, AttemptState.RUNNING, null, null);
        }

        public static AttemptReport succeeded(AttemptKey attempt, Counters counters) {
            return new AttemptReport(attempt, AttemptState.SUCCEEDED, counters, null);
        }

        public static AttemptReport failed(AttemptKey attempt, String error) {
            return new AttemptReport(attempt, AttemptState.FAILED, null, error);
        }

        public static AttemptReport killed(AttemptKey attempt) {
            return new AttemptReport(attempt, AttemptState.KILLED, null, null);
        }
    }
}
