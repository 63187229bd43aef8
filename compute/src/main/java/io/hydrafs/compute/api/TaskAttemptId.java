package io.hydrafs.compute.api;

import io.hydrafs.protocol.error.Invariants;

/**
 * Names one attempt of one task: map or reduce, the task's index, and the attempt number
 * (0 for the first try). Its string form names the attempt's working directories.
 */
public record TaskAttemptId(TaskType type, int task, int attempt) {

    public enum TaskType {
        MAP("m"), REDUCE("r");

        private final String letter;

        TaskType(String letter) {
            this.letter = letter;
        }

        public String letter() {
            return letter;
        }
    }

    public TaskAttemptId {
        Invariants.check(type != null && task >= 0 && attempt >= 0, "bad task attempt %s/%d/%d", type, task, attempt);
    }

    /** The task without the attempt, e.g. {@code m-00003}. */
    public String taskName() {
        return String.format("%s-%05d", type.letter(), task);
    }

    @Override
    public String toString() {
        return taskName() + "_" + attempt;
    }
}
