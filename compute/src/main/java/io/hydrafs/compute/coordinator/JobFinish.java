package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.job.JobSpec;

/**
 * Job-level output work the scheduler hands out because it does no I/O itself: commit the
 * output ({@code commit}: every reduce succeeded) or remove it (the job failed or was
 * killed). Whoever takes it reports back with {@link JobScheduler#finishDone}.
 */
public record JobFinish(String jobId, JobSpec spec, boolean commit) {
}
