package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.TaskAttemptId.TaskType;

import java.util.Collection;

/**
 * Chooses the next task of a job for a worker with a free slot, in this order (maps only
 * ever take the worker's general slots):
 * <ol>
 *   <li>a pending map whose split has a replica the worker reads locally;</li>
 *   <li>another pending map, once it has waited {@code localityWaitMs} for a local worker, or
 *       at once if no live worker is local to it (delay scheduling);</li>
 *   <li>a pending reduce, once the reduce slow start is reached. Reduces fill the worker's
 *       reduce-only slots first, where they shuffle beside a full set of maps; while some map
 *       of the job is not done, reduces in general slots leave one of them to maps (reduces
 *       waiting for map outputs must not take every slot from the maps they wait for);</li>
 *   <li>a speculative copy of a slow attempt running on another worker.</li>
 * </ol>
 * A task that failed on this worker goes elsewhere when another live worker has not failed
 * it. Pure: decides, never changes state.
 */
final class TaskPicker {
    /** A task to launch and how. */
    record Pick(TaskRecord task, boolean dataLocal, boolean speculative) {
    }

    private TaskPicker() {
    }

    static Pick pick(JobRecord job, WorkerRecord worker, Collection<WorkerRecord> live, long nowMs) {
        if (!job.running()) {
            return null;
        }
        TaskRecord nonLocal = null;
        boolean mapSlotFree = worker.mapSlotFree();
        for (TaskRecord map : job.maps()) {
            if (!mapSlotFree || !map.pending() || avoid(map, worker, live)) {
                continue;
            }
            if (worker.isLocalTo(map.split().hosts())) {
                return new Pick(map, true, false);
            }
            if (nonLocal == null && (nowMs - map.pendingSinceMs() >= job.settings().localityWaitMs()
                    || live.stream().noneMatch(w -> w.isLocalTo(map.split().hosts())))) {
                nonLocal = map;
            }
        }
        if (nonLocal != null) {
            return new Pick(nonLocal, false, false);
        }
        if (job.reducesMayStart() && !reducesWouldStarveMaps(job, worker)) {
            for (TaskRecord reduce : job.reduces()) {
                if (reduce.pending() && !avoid(reduce, worker, live)) {
                    return new Pick(reduce, false, false);
                }
            }
        }
        for (TaskType type : TaskType.values()) {
            for (TaskRecord t : job.tasks(type)) {
                if (type == TaskType.MAP && !mapSlotFree) {
                    continue;
                }
                if (t.speculationWanted() && !t.succeeded() && t.running().size() == 1
                        && t.running().stream().noneMatch(a -> a.workerId().equals(worker.id()))) {
                    boolean local = type == TaskType.MAP && worker.isLocalTo(t.split().hosts());
                    return new Pick(t, local, true);
                }
            }
        }
        return null;
    }

    private static boolean reducesWouldStarveMaps(JobRecord job, WorkerRecord worker) {
        if (job.maps().stream().allMatch(TaskRecord::succeeded) || worker.runningReduces() < worker.reduceSlots()) {
            return false;  // a reduce-only slot is free: taking it costs the maps nothing
        }
        if (worker.totalSlots() < 2) {
            return false;
        }
        return worker.reducesInGeneralSlots() >= worker.totalSlots() - 1;
    }

    private static boolean avoid(TaskRecord task, WorkerRecord worker, Collection<WorkerRecord> live) {
        return task.failedOnWorkers().contains(worker.id())
                && live.stream().anyMatch(w -> !task.failedOnWorkers().contains(w.id()));
    }
}
