package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;

import java.util.List;

/**
 * What a journal says about one job, for {@link JobScheduler#restoreJob}: its spec and splits,
 * every attempt an earlier coordinator launched (so new attempt numbers never collide with
 * attempts that may still run on workers), each task's winner, and how far the job's end got.
 *
 * @param submissionId the client's id of the submit that made the job ("" for none)
 * @param maps         one entry per split
 * @param reduces      one entry per reducer
 * @param counters     job-level counters (launches, failures, kills, re-runs) so far
 * @param outcome      null while the job ran; else the outcome decided ({@code Finishing})
 * @param failure      the failure message of that outcome ("" for none)
 * @param finished     the output was committed or removed ({@code Finished})
 * @param finishTimeMs when the job finished (0 unless finished)
 */
public record RecoveredJob(String jobId, String submissionId, JobSpec spec, List<InputSplit> splits, long submitTimeMs,
                           List<Task> maps, List<Task> reduces, Counters counters, JobStatus.State outcome,
                           String failure, boolean finished, long finishTimeMs) {

    /** An attempt launched earlier: where and when. Its number is its index in {@link Task#attempts()}. */
    public record Attempt(String workerId, long startMs) {
    }

    /**
     * One task: its attempts so far, its failed ones, and its winner ({@code winner} is an
     * attempt number or -1; {@code host}/{@code port} serve a winning map's output).
     */
    public record Task(List<Attempt> attempts, int failures, int winner, String host, int port, Counters counters) {
        public boolean succeeded() {
            return winner >= 0;
        }
    }
}
