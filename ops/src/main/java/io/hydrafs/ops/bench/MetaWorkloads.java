package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.Invariants;

import java.util.SplittableRandom;

/**
 * The six metadata workloads of WORKLOADS.md under one base directory, measured as the HDFS
 * peer measures them so the two figures can be divided:
 * <ul>
 *   <li>meta.create: {@code threads x files} create-then-close of {@code base/create/t{i}/f{j}};
 *       the per-thread parents are made before the clock.</li>
 *   <li>meta.mkdir: {@code threads x files} mkdirs of {@code base/mkdir/t{i}/d{j}}, parents first.</li>
 *   <li>meta.stat: {@code threads x stats} stats of uniformly random created files; thread t
 *       draws from {@code new SplittableRandom(1000 + t)}, the peer's seeds, so both systems
 *       stat the same sequence of names.</li>
 *   <li>meta.list: one thread lists {@code base/create/t0} {@code listCalls} times; the figure
 *       is entries per second.</li>
 *   <li>meta.rename: {@code threads x renames} renames {@code f{j} -> r{j}} in the thread's own dir.</li>
 *   <li>meta.delete: every thread deletes every file of its own dir, one non-recursive call each.</li>
 * </ul>
 * Checks run after the clock stops and fail the workload (ok:false) without changing its
 * figure: directory entry counts after create, mkdir, rename and delete, the listed count of
 * every meta.list call, and that renamed names exist.
 *
 * <p>The files meta.create leaves are shared state, tracked by {@link FileState}: stat, list,
 * rename and delete need them, so if meta.create has not run they first run it untimed (as the
 * peer does); after a workload that changes them fails, their names are unknown and the
 * dependent workloads report that instead of failing confusingly. Not thread-safe: one run
 * drives one instance from one thread, and each instance is used for one round.
 */
public final class MetaWorkloads {
    private enum FileState { NONE, CREATED, RENAMED, DELETED, UNKNOWN }

    private final MetaBenchTarget fs;
    private final String base;
    private final MetaCounts counts;
    private FileState files = FileState.NONE;
    private String unknownBecause = "";

    public MetaWorkloads(MetaBenchTarget fs, String base, MetaCounts counts) {
        this.fs = fs;
        this.base = base;
        this.counts = counts;
    }

    /** Runs one workload (and, untimed, meta.create first if it needs the files and they are not there yet). */
    public WorkloadResult run(MetaWorkload w) throws InterruptedException {
        if (w.needsCreatedFiles()) {
            String missing = ensureFiles();
            if (missing != null) {
                return WorkloadResult.notMeasured(w, missing, 0);
            }
        }
        FileState before = files;
        try {
            WorkloadResult r = switch (w) {
                case CREATE -> create();
                case MKDIR -> mkdir();
                case STAT -> stat();
                case LIST -> list();
                case RENAME -> rename();
                case DELETE -> delete();
            };
            if (!r.ok() && files != before) {
                // the workload changed the files only partly, or a check found them wrong
                markUnknown(w);
            }
            return r;
        } catch (Exception e) {
            // setup or a check threw: the files may be half changed
            if (w == MetaWorkload.CREATE || w == MetaWorkload.RENAME || w == MetaWorkload.DELETE) {
                markUnknown(w);
            }
            return WorkloadResult.notMeasured(w, String.valueOf(e), 0);
        }
    }

    /** Null when the created files are present, else why the workload cannot run. */
    private String ensureFiles() throws InterruptedException {
        if (files == FileState.NONE) {
            WorkloadResult untimed = run(MetaWorkload.CREATE);
            if (!untimed.ok()) {
                return "needs the files of meta.create, which failed when run untimed first: " + untimed.error();
            }
        }
        return switch (files) {
            case CREATED, RENAMED -> null;
            case DELETED -> "needs the files of meta.create, which meta.delete already removed";
            case UNKNOWN -> "needs the files of meta.create, whose state is unknown: " + unknownBecause;
            case NONE -> throw new IllegalStateException("invariant violated: files still absent after meta.create passed");
        };
    }

    private void markUnknown(MetaWorkload failed) {
        files = FileState.UNKNOWN;
        unknownBecause = failed.label() + " failed";
    }

    private WorkloadResult create() throws Exception {
        Invariants.check(files == FileState.NONE, "meta.create runs once per round");
        for (int t = 0; t < counts.threads(); t++) {
            fs.mkdirs(dir("create", t));
        }
        ParallelOps.Outcome o = ParallelOps.run("create", counts.threads(), counts.filesPerThread(),
                (t, j) -> fs.createEmptyFile(dir("create", t) + "/f" + j));
        files = FileState.UNKNOWN;
        if (o.failed()) {
            return aborted(MetaWorkload.CREATE, o);
        }
        files = FileState.CREATED;
        long listed = countEntries("create");
        return checked(MetaWorkload.CREATE, measured(o, counts.totalFiles()),
                listed == counts.totalFiles() ? null : "listed " + listed + " files, expected " + counts.totalFiles());
    }

    private WorkloadResult mkdir() throws Exception {
        for (int t = 0; t < counts.threads(); t++) {
            fs.mkdirs(dir("mkdir", t));
        }
        ParallelOps.Outcome o = ParallelOps.run("mkdir", counts.threads(), counts.filesPerThread(),
                (t, j) -> fs.mkdirs(dir("mkdir", t) + "/d" + j));
        if (o.failed()) {
            return aborted(MetaWorkload.MKDIR, o);
        }
        long listed = countEntries("mkdir");
        return checked(MetaWorkload.MKDIR, measured(o, counts.totalFiles()),
                listed == counts.totalFiles() ? null : "listed " + listed + " dirs, expected " + counts.totalFiles());
    }

    private WorkloadResult stat() throws Exception {
        SplittableRandom[] random = new SplittableRandom[counts.threads()];
        for (int t = 0; t < random.length; t++) {
            random[t] = new SplittableRandom(1000 + t);
        }
        ParallelOps.Outcome o = ParallelOps.run("stat", counts.threads(), counts.statsPerThread(), (t, j) -> {
            int owner = random[t].nextInt(counts.threads());
            int file = random[t].nextInt(counts.filesPerThread());
            fs.stat(dir("create", owner) + "/" + fileName(file));
        });
        if (o.failed()) {
            return aborted(MetaWorkload.STAT, o);
        }
        return WorkloadResult.passed(MetaWorkload.STAT, measured(o, (long) counts.threads() * counts.statsPerThread()));
    }

    private WorkloadResult list() throws Exception {
        String dir = dir("create", 0);
        int[] listed = new int[counts.listCalls()];
        ParallelOps.Outcome o = ParallelOps.run("list", 1, counts.listCalls(), (t, j) -> listed[j] = fs.list(dir));
        if (o.failed()) {
            return aborted(MetaWorkload.LIST, o);
        }
        long entries = 0;
        String error = null;
        for (int n : listed) {
            entries += n;
            if (n != counts.filesPerThread() && error == null) {
                error = "a listing of " + dir + " had " + n + " entries, expected " + counts.filesPerThread();
            }
        }
        WorkloadResult.Measurement m = new WorkloadResult.Measurement(entries, o.elapsedNanos(),
                counts.listCalls(), o.latencies());
        return checked(MetaWorkload.LIST, m, error);
    }

    private WorkloadResult rename() throws Exception {
        Invariants.check(files == FileState.CREATED, "meta.rename renames f{j} once");
        ParallelOps.Outcome o = ParallelOps.run("rename", counts.threads(), counts.renamesPerThread(),
                (t, j) -> fs.rename(dir("create", t) + "/f" + j, dir("create", t) + "/r" + j));
        files = FileState.UNKNOWN;
        if (o.failed()) {
            return aborted(MetaWorkload.RENAME, o);
        }
        files = FileState.RENAMED;
        String error = null;
        long listed = countEntries("create");
        if (listed != counts.totalFiles()) {
            error = "listed " + listed + " files after renaming, expected " + counts.totalFiles();
        }
        int last = counts.renamesPerThread() - 1;
        for (int t = 0; t < counts.threads() && error == null; t++) {
            error = missing(dir("create", t) + "/r0");
            if (error == null) {
                error = missing(dir("create", t) + "/r" + last);
            }
        }
        return checked(MetaWorkload.RENAME, measured(o, (long) counts.threads() * counts.renamesPerThread()), error);
    }

    private WorkloadResult delete() throws Exception {
        ParallelOps.Outcome o = ParallelOps.run("delete", counts.threads(), counts.filesPerThread(),
                (t, j) -> fs.delete(dir("create", t) + "/" + fileName(j)));
        files = FileState.UNKNOWN;
        if (o.failed()) {
            return aborted(MetaWorkload.DELETE, o);
        }
        files = FileState.DELETED;
        long left = countEntries("create");
        return checked(MetaWorkload.DELETE, measured(o, counts.totalFiles()),
                left == 0 ? null : left + " files left after delete");
    }

    /** The current name of each thread's j-th file: renamed ones are r{j}. */
    private String fileName(int j) {
        return (files == FileState.RENAMED && j < counts.renamesPerThread() ? "r" : "f") + j;
    }

    private String dir(String kind, int thread) {
        return base + "/" + kind + "/t" + thread;
    }

    private long countEntries(String kind) throws Exception {
        long n = 0;
        for (int t = 0; t < counts.threads(); t++) {
            n += fs.list(dir(kind, t));
        }
        return n;
    }

    private String missing(String path) {
        try {
            fs.stat(path);
            return null;
        } catch (Exception e) {
            return "stat of " + path + " failed after renaming: " + e;
        }
    }

    private static WorkloadResult.Measurement measured(ParallelOps.Outcome o, long ops) {
        Invariants.check(o.completedOps() == ops, "completed %d ops, planned %d", o.completedOps(), ops);
        return new WorkloadResult.Measurement(ops, o.elapsedNanos(), 0, o.latencies());
    }

    private static WorkloadResult checked(MetaWorkload w, WorkloadResult.Measurement m, String error) {
        return error == null ? WorkloadResult.passed(w, m) : WorkloadResult.checkFailed(w, m, error);
    }

    private static WorkloadResult aborted(MetaWorkload w, ParallelOps.Outcome o) {
        return WorkloadResult.notMeasured(w, String.valueOf(o.firstFailure()), o.failedOps());
    }
}
