package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.Assignment;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Drives a {@link JobScheduler} as workers would, with a fake clock: each fake worker keeps
 * the attempts it was given and reports them on its heartbeats until told they ended.
 */
final class SchedulerHarness {
    static final long EXPIRY_MS = 10_000;

    final List<JobEvent> journal = new ArrayList<>();
    final JobScheduler scheduler;
    final Map<String, FakeWorker> workers = new LinkedHashMap<>();
    long now = 1_000;

    SchedulerHarness() {
        this(CoordinatorConfig.RETAINED_JOBS.defaultValue());
    }

    /** A scheduler that keeps {@code retainedFinishedJobs} finished jobs. */
    SchedulerHarness(int retainedFinishedJobs) {
        this.scheduler = new JobScheduler("job_1_", EXPIRY_MS, retainedFinishedJobs, journal::add);
    }

    /** One split per entry, each on the blockstores named. */
    static List<InputSplit> splits(List<List<String>> hosts) {
        List<InputSplit> splits = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            splits.add(new InputSplit("/in/f", i * 100L, 100, hosts.get(i)));
        }
        return splits;
    }

    static JobSpec spec(int reducers, Map<String, String> config) {
        return new JobSpec("test", "x.Def", "", List.of("/in"), "/out", reducers, config);
    }

    String submit(int maps, int reducers, Map<String, String> config) throws Exception {
        List<List<String>> hosts = new ArrayList<>();
        for (int i = 0; i < maps; i++) {
            hosts.add(List.of("b" + (i % 3)));
        }
        return scheduler.submit(spec(reducers, config), splits(hosts), now);
    }

    /** A worker with general slots only. */
    FakeWorker worker(String id, int slots, String... locality) {
        return worker(id, slots, 0, locality);
    }

    FakeWorker worker(String id, int slots, int reduceSlots, String... locality) {
        FakeWorker w = new FakeWorker(id, slots, reduceSlots, Set.of(locality), now);
        workers.put(id, w);
        return w;
    }

    void advance(long ms) {
        now += ms;
    }

    JobStatus status(String jobId) throws Exception {
        return scheduler.status(jobId);
    }

    static Counters counters(long records) {
        Counters c = new Counters();
        c.increment(TaskCounter.MAP_INPUT_RECORDS, records);
        return c;
    }

    /** A worker that does nothing by itself: tests say which attempt ends how. */
    final class FakeWorker {
        final String id;
        final int slots;
        final int reduceSlots;
        final Set<String> locality;
        final long startTime;
        final Map<AttemptKey, Assignment> running = new LinkedHashMap<>();
        final Map<AttemptKey, WorkerReport.AttemptReport> ended = new HashMap<>();
        final List<AttemptKey> killed = new ArrayList<>();

        FakeWorker(String id, int slots, int reduceSlots, Set<String> locality, long startTime) {
            this.id = id;
            this.slots = slots;
            this.reduceSlots = reduceSlots;
            this.locality = locality;
            this.startTime = startTime;
        }

        /** A heartbeat offering no free slot: the worker becomes known, gets nothing. */
        void announce() {
            scheduler.heartbeat(new WorkerReport(id, "host-" + id, 9000, slots, reduceSlots, 0, locality, startTime,
                    List.of()), now);
        }

        /** Sends a heartbeat; returns the new assignments (also kept as running). */
        List<Assignment> heartbeat() {
            List<WorkerReport.AttemptReport> reports = new ArrayList<>();
            running.keySet().forEach(k -> reports.add(WorkerReport.AttemptReport.running(k)));
            reports.addAll(ended.values());
            ended.clear();
            WorkerReport report = new WorkerReport(id, "host-" + id, 9000, slots, reduceSlots,
                    slots + reduceSlots - running.size(), locality,
                    startTime, reports);
            HeartbeatReply reply = scheduler.heartbeat(report, now);
            for (AttemptKey k : reply.kills()) {
                if (running.remove(k) != null) {
                    killed.add(k);
                }
            }
            reply.assignments().forEach(a -> running.put(a.attempt(), a));
            return reply.assignments();
        }

        void succeed(AttemptKey k) {
            running.remove(k);
            ended.put(k, WorkerReport.AttemptReport.succeeded(k, counters(10)));
        }

        void fail(AttemptKey k, String error) {
            running.remove(k);
            ended.put(k, WorkerReport.AttemptReport.failed(k, error));
        }

        /** Every running attempt succeeds; reports them on a heartbeat, which may assign more. */
        List<Assignment> succeedAll() {
            List.copyOf(running.keySet()).forEach(this::succeed);
            return heartbeat();
        }
    }
}
