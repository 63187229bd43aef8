package io.hydrafs.compute.job;

import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.protocol.error.Invariants;

/** Names one task attempt cluster-wide: its job and its {@link TaskAttemptId}, e.g. {@code job_7_0001/m-00003_1}. */
public record AttemptKey(String jobId, TaskAttemptId attempt) {

    public AttemptKey {
        Invariants.check(jobId != null && !jobId.isEmpty() && attempt != null, "bad attempt key %s/%s", jobId, attempt);
    }

    @Override
    public String toString() {
        return jobId + "/" + attempt;
    }
}
