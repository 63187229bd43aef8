package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.job.AttemptKey;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A live worker as the coordinator knows it: its last heartbeat, where it serves map
 * outputs, which data it reads locally, the attempts it runs (by the coordinator's books)
 * and the kill orders waiting for its next heartbeat.
 */
final class WorkerRecord {
    private final String id;
    private final long startTimeMs;
    private final Set<AttemptKey> running = new LinkedHashSet<>();
    private final List<AttemptKey> pendingKills = new ArrayList<>();
    private final Set<String> jobsRun = new LinkedHashSet<>();
    private WorkerReport lastReport;
    private long lastHeartbeatMs;

    WorkerRecord(String id, long startTimeMs) {
        this.id = id;
        this.startTimeMs = startTimeMs;
    }

    String id() {
        return id;
    }

    long startTimeMs() {
        return startTimeMs;
    }

    void heard(WorkerReport report, long nowMs) {
        this.lastReport = report;
        this.lastHeartbeatMs = nowMs;
    }

    long lastHeartbeatMs() {
        return lastHeartbeatMs;
    }

    String host() {
        return lastReport.host();
    }

    int shufflePort() {
        return lastReport.shufflePort();
    }

    Set<String> locality() {
        return lastReport.locality();
    }

    /** Slots any attempt may take. */
    int totalSlots() {
        return lastReport.totalSlots();
    }

    /** Slots only reduces may take, beyond {@link #totalSlots()}. */
    int reduceSlots() {
        return lastReport.reduceSlots();
    }

    /** Slots free now, of either kind: what the worker reported, less what was assigned since. */
    int freeSlots() {
        return Math.max(0, Math.min(lastReport.freeSlots(),
                lastReport.totalSlots() + lastReport.reduceSlots() - running.size()));
    }

    /** Running reduces: those beyond {@link #reduceSlots()} occupy general slots. */
    long runningReduces() {
        return running.stream().filter(k -> k.attempt().type() == TaskType.REDUCE).count();
    }

    /** Reduces that sit in general slots (the reduce-only slots fill first). */
    long reducesInGeneralSlots() {
        return Math.max(0, runningReduces() - reduceSlots());
    }

    /** Whether a map may start here: maps take general slots only. */
    boolean mapSlotFree() {
        long maps = running.size() - runningReduces();
        return freeSlots() > 0 && maps + reducesInGeneralSlots() < totalSlots();
    }

    Set<AttemptKey> running() {
        return running;
    }

    void orderKill(AttemptKey attempt) {
        running.remove(attempt);
        pendingKills.add(attempt);
    }

    List<AttemptKey> drainKills() {
        List<AttemptKey> kills = List.copyOf(pendingKills);
        pendingKills.clear();
        return kills;
    }

    /** Notes that an attempt of {@code jobId} runs here. */
    void ran(String jobId) {
        jobsRun.add(jobId);
    }

    /** Jobs that ran here; the caller removes those it reports finished. */
    Set<String> jobsRun() {
        return jobsRun;
    }

    /** True when one of the split's replica holders is this worker's. */
    boolean isLocalTo(List<String> splitHosts) {
        for (String h : splitHosts) {
            if (lastReport.locality().contains(h)) {
                return true;
            }
        }
        return false;
    }
}
