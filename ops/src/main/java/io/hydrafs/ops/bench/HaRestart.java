package io.hydrafs.ops.bench;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * ha.restart: the namespace holds {@link RestartFiles} (made once, untimed, by
 * {@value #THREADS} threads, and reused by later runs), then the whole meta group is stopped
 * cleanly (SIGTERM to all three, as {@code hydra cluster stop} does, blockstores left running)
 * and started again. The figure is the seconds from launching the processes until the first
 * successful getFileStatus of one of those files: what a full outage costs before clients are
 * served again, replay of the Raft log or snapshot load included. The run then waits until the
 * cluster is ready as after {@code hydra cluster start}, so it is left as found.
 */
final class HaRestart {
    static final int THREADS = MetaCounts.DEFAULT_THREADS;
    private static final CreateOptions NO_OVERWRITE = CreateOptions.builder().overwrite(false).build();
    /** A million files replay slowly on a small machine; the figure is what is measured, this only ends a hang. */
    private static final Duration BACK_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    /** Short client timeouts: each failed attempt ends fast, so the first success is seen within about this. */
    private static final long PROBE_TIMEOUT_MS = 1_000;
    private static final long PROBE_PAUSE_MS = 20;

    private final LocalProcessCluster cluster;
    private final HydraFileSystem fs;
    private final Consumer<String> progress;

    HaRestart(LocalProcessCluster cluster, HydraFileSystem fs, Consumer<String> progress) {
        this.cluster = cluster;
        this.fs = fs;
        this.progress = progress;
    }

    /** Puts the figures on {@code line}; returns null if it passed, else why not. */
    String run(RestartFiles files, JsonLine line) throws Exception {
        line.put("files", files.count());
        double made = ensureFiles(files);
        if (made >= 0) {
            line.put("create_seconds", made);
        }
        String probe = files.file(files.count() - 1);
        progress.accept("stopping all " + cluster.size() + " meta nodes (SIGTERM)");
        cluster.stopMetaNodes();
        long t0 = System.nanoTime();
        cluster.launchMetaNodes();
        long back = awaitFirstStat(probe, t0);
        double seconds = (back - t0) / 1e9;
        progress.accept(String.format(Locale.ROOT, "getFileStatus(%s) succeeded %.3f s after the start", probe, seconds));
        cluster.awaitReady(READY_TIMEOUT);
        line.put("seconds", seconds).put("rate", seconds).put("unit", "s");
        return null;
    }

    /**
     * Makes the files unless a complete tree of this size is there (its marker exists); removes
     * trees of other sizes so the namespace holds what the line says. Returns the seconds it
     * took to make them, or -1 when they were reused.
     */
    private double ensureFiles(RestartFiles files) throws Exception {
        if (fs.exists(files.parent())) {
            for (FileStatus other : fs.listStatus(files.parent())) {
                if (!other.path().equals(files.root())) {
                    fs.delete(other.path(), true);
                }
            }
        }
        if (fs.exists(files.marker())) {
            progress.accept("reusing the " + files.count() + " files under " + files.root());
            return -1;
        }
        progress.accept("creating " + files.count() + " files under " + files.root() + " (untimed, " + THREADS + " threads)");
        fs.delete(files.root(), true);
        for (int k = 0; k < files.directories(); k++) {
            fs.mkdirs(files.directory(k));
        }
        int perThread = (files.count() + THREADS - 1) / THREADS;
        ParallelOps.Outcome o = ParallelOps.run("ha-restart-files", THREADS, perThread, (t, j) -> {
            int i = t * perThread + j;
            if (i < files.count()) {
                fs.create(files.file(i), NO_OVERWRITE).close();
            }
        });
        if (o.failed()) {
            throw new HydraException(ErrorCode.IO_ERROR, "making the files failed: " + o.firstFailure());
        }
        long listed = 0;
        for (int k = 0; k < files.directories(); k++) {
            listed += fs.listStatus(files.directory(k)).size();
        }
        if (listed != files.count()) {
            throw new HydraException(ErrorCode.IO_ERROR, "listed " + listed + " files under " + files.root()
                    + " after making " + files.count());
        }
        fs.create(files.marker(), NO_OVERWRITE).close();
        return o.elapsedNanos() / 1e9;
    }

    /** System.nanoTime() of the first successful getFileStatus of {@code path}, polling from {@code t0}. */
    private long awaitFirstStat(String path, long t0) throws HydraException, InterruptedException {
        try (HydraFileSystem probe = HydraFileSystem.connect(cluster.clientOptions()
                .rpcTimeoutMs(PROBE_TIMEOUT_MS).failoverTimeoutMs(PROBE_TIMEOUT_MS).build())) {
            while (true) {
                try {
                    if (probe.getFileStatus(path).isFile()) {
                        return System.nanoTime();
                    }
                } catch (HydraException e) {
                    if (e.code() == ErrorCode.FILE_NOT_FOUND) {
                        throw new HydraException(ErrorCode.FILE_NOT_FOUND, path + " is missing after the restart");
                    }
                }
                cluster.checkMetaNodesRunning();
                if (System.nanoTime() - t0 > BACK_TIMEOUT.toNanos()) {
                    throw new HydraException(ErrorCode.TIMEOUT, "no getFileStatus succeeded within "
                            + BACK_TIMEOUT.toMinutes() + " min of starting the meta nodes; see " + cluster.layout().logHint());
                }
                Thread.sleep(PROBE_PAUSE_MS);
            }
        }
    }
}
