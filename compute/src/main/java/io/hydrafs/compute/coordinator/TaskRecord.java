package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.input.InputSplit;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One map or reduce task of a job and all its attempts. The task is done when it has a
 * winner (the first attempt to succeed); a map's winner can be withdrawn again when its
 * output is lost, which makes the task pending once more. Failed attempts count towards the
 * job's attempt limit; killed ones (lost worker, losing speculative copy) do not.
 */
final class TaskRecord {
    private final TaskType type;
    private final int index;
    private final InputSplit split;
    private final List<TaskAttempt> attempts = new ArrayList<>();
    private final Set<String> failedOnWorkers = new HashSet<>();
    private final Set<Integer> fetchFailureReporters = new HashSet<>();
    private TaskAttempt winner;
    private Counters counters;
    private long pendingSinceMs;
    private int failures;
    private boolean speculationWanted;
    private boolean speculated;
    private TaskAttempt commitHolder;

    TaskRecord(TaskType type, int index, InputSplit split, long nowMs) {
        this.type = type;
        this.index = index;
        this.split = split;
        this.pendingSinceMs = nowMs;
    }

    TaskType type() {
        return type;
    }

    int index() {
        return index;
    }

    /** The map's split; null for a reduce. */
    InputSplit split() {
        return split;
    }

    List<TaskAttempt> attempts() {
        return attempts;
    }

    TaskAttemptId nextAttemptId() {
        return new TaskAttemptId(type, index, attempts.size());
    }

    Optional<TaskAttempt> attempt(int number) {
        return number < attempts.size() ? Optional.of(attempts.get(number)) : Optional.empty();
    }

    List<TaskAttempt> running() {
        return attempts.stream().filter(TaskAttempt::running).toList();
    }

    boolean succeeded() {
        return winner != null;
    }

    /** Not done and nothing runs for it: it needs an attempt. */
    boolean pending() {
        return winner == null && running().isEmpty();
    }

    TaskAttempt winner() {
        return winner;
    }

    Counters counters() {
        return counters;
    }

    void win(TaskAttempt attempt, Counters attemptCounters) {
        this.winner = attempt;
        this.counters = attemptCounters;
        this.speculationWanted = false;
        fetchFailureReporters.clear();
    }

    /** The winner's output is gone: the task must run again. */
    void withdrawWinner(long nowMs) {
        this.winner = null;
        this.counters = null;
        this.commitHolder = null;
        this.speculated = false;
        this.pendingSinceMs = nowMs;
        fetchFailureReporters.clear();
    }

    long pendingSinceMs() {
        return pendingSinceMs;
    }

    void markPending(long nowMs) {
        this.pendingSinceMs = nowMs;
    }

    int failures() {
        return failures;
    }

    void countFailure(String workerId) {
        failures++;
        failedOnWorkers.add(workerId);
    }

    /** Failures an earlier coordinator counted (their workers are not known any more). */
    void restoreFailures(int count) {
        failures += count;
    }

    Set<String> failedOnWorkers() {
        return failedOnWorkers;
    }

    /** Adds a reduce task's report; returns how many distinct reduce tasks reported. */
    int addFetchFailure(int reducer) {
        fetchFailureReporters.add(reducer);
        return fetchFailureReporters.size();
    }

    boolean speculationWanted() {
        return speculationWanted;
    }

    boolean speculated() {
        return speculated;
    }

    void wantSpeculation() {
        this.speculationWanted = true;
    }

    void speculationLaunched() {
        this.speculationWanted = false;
        this.speculated = true;
    }

    TaskAttempt commitHolder() {
        return commitHolder;
    }

    void grantCommit(TaskAttempt attempt) {
        this.commitHolder = attempt;
    }

    String name() {
        return String.format("%s-%05d", type.letter(), index);
    }
}
