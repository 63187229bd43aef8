package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;

import java.util.List;

/**
 * Every change of job state the scheduler makes, in order. A journal that stores them can
 * rebuild the jobs after a coordinator failover: replaying submits, launches and outcomes
 * gives back which tasks are done and where their outputs live (attempts that were running
 * are then treated as lost). Worker liveness is not an event: it is re-learned from
 * heartbeats.
 */
public sealed interface JobEvent {

    String jobId();

    /** {@code submissionId}: the client's id of the submit ("" for none), so a retried submit finds its job. */
    record Submitted(String jobId, String submissionId, JobSpec spec, List<InputSplit> splits, long timeMs)
            implements JobEvent {
    }

    record AttemptLaunched(AttemptKey attempt, String workerId, boolean dataLocal, boolean speculative, long timeMs)
            implements JobEvent {
        public String jobId() {
            return attempt.jobId();
        }
    }

    /** {@code host:port} serves a map's output; counters are the attempt's. */
    record AttemptSucceeded(AttemptKey attempt, String host, int port, Counters counters) implements JobEvent {
        public String jobId() {
            return attempt.jobId();
        }
    }

    record AttemptFailed(AttemptKey attempt, String error) implements JobEvent {
        public String jobId() {
            return attempt.jobId();
        }
    }

    record AttemptKilled(AttemptKey attempt, String reason) implements JobEvent {
        public String jobId() {
            return attempt.jobId();
        }
    }

    /** The output of a succeeded map is lost; the map runs again. */
    record MapOutputLost(AttemptKey attempt, String reason) implements JobEvent {
        public String jobId() {
            return attempt.jobId();
        }
    }

    record CommitGranted(AttemptKey attempt) implements JobEvent {
        public String jobId() {
            return attempt.jobId();
        }
    }

    /** The job's outcome is decided; its output is being committed or removed. */
    record Finishing(String jobId, JobStatus.State outcome, String failure, long timeMs) implements JobEvent {
    }

    record Finished(String jobId, JobStatus.State state, String failure, long timeMs) implements JobEvent {
    }
}
