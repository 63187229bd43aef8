package io.hydrafs.compute.runtime;

import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

/**
 * A task used up its attempts: the job failed and its output was removed. Names the task,
 * its last attempt and that attempt's exception (the cause). The code is the cause's when it
 * is a HydraException (e.g. INVALID_ARGUMENT for a malformed record), INTERNAL for user code
 * that threw anything else.
 */
public final class JobFailedException extends HydraException {
    private static final long serialVersionUID = 1L;

    private final transient TaskAttemptId lastAttempt;

    public JobFailedException(String job, TaskAttemptId lastAttempt, Throwable cause) {
        super(cause instanceof HydraException h ? h.code() : ErrorCode.INTERNAL,
                "job " + job + " failed: task " + lastAttempt.taskName() + " failed " + (lastAttempt.attempt() + 1)
                        + " attempts; last attempt " + lastAttempt + ": " + cause, cause);
        this.lastAttempt = lastAttempt;
    }

    public TaskAttemptId lastAttempt() {
        return lastAttempt;
    }
}
