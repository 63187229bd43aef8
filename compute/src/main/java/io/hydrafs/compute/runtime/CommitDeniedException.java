package io.hydrafs.compute.runtime;

import io.hydrafs.compute.api.TaskAttemptId;

import java.io.IOException;

/**
 * A reduce attempt finished writing but may not promote its output: another attempt of the
 * same task holds the commit (a speculative copy). The attempt is discarded, not failed.
 */
public final class CommitDeniedException extends IOException {
    private static final long serialVersionUID = 1L;

    public CommitDeniedException(TaskAttemptId attempt) {
        super(attempt + " may not commit: another attempt of " + attempt.taskName() + " does");
    }
}
