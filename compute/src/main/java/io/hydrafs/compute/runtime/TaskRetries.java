package io.hydrafs.compute.runtime;

import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.protocol.error.Invariants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a task's attempts one after another until one succeeds or {@code maxAttempts} have
 * failed. Each failed attempt is cleaned up before the next starts, so a retry begins from
 * nothing (the map's local files, the reduce's temporary output are gone). Any exception
 * from user code or I/O fails an attempt; an {@link Error} is not retried (the JVM is in
 * doubt) and neither is an interrupt (the job is being cancelled).
 */
final class TaskRetries {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRetries.class);

    /** The work of one attempt. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(TaskAttemptId attempt) throws Exception;
    }

    /** Undoes what a failed attempt left behind; must not throw. */
    @FunctionalInterface
    interface Cleanup {
        void failed(TaskAttemptId attempt);
    }

    private TaskRetries() {
    }

    static <T> T run(String job, TaskAttemptId.TaskType type, int task, int maxAttempts, Attempt<T> body,
                     Cleanup cleanup, Runnable onFailedAttempt) throws JobFailedException, InterruptedException {
        Invariants.check(maxAttempts >= 1, "at least one attempt");
        for (int a = 0; ; a++) {
            TaskAttemptId attempt = new TaskAttemptId(type, task, a);
            try {
                return body.run(attempt);
            } catch (InterruptedException e) {
                cleanup.failed(attempt);
                throw e;
            } catch (Exception e) {
                cleanup.failed(attempt);
                onFailedAttempt.run();
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("job " + job + " cancelled during " + attempt);
                }
                if (a + 1 >= maxAttempts) {
                    throw new JobFailedException(job, attempt, e);
                }
                LOG.warn("job {}: attempt {} failed, retrying: {}", job, attempt, e.toString());
            }
        }
    }
}
