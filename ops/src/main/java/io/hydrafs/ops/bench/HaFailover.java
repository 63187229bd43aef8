package io.hydrafs.ops.bench;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.failover.CreateWriters;
import io.hydrafs.ops.failover.FailoverTally;
import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * ha.failover: {@value #WRITERS} threads create files in a loop ({@link CreateWriters}); after a
 * warm period the meta leader's process is killed with SIGKILL; the threads go on until creates
 * have succeeded again for a while after the kill; the killed node is started again on its data
 * (the cluster is left as found) and every acknowledged create is looked up by listing each
 * thread's directory.
 *
 * <p>Figures: the longest gap between two successful creates of any threads (the pause a crash
 * costs a client), and how many acknowledged creates are missing, which must be 0. The client
 * is expected to ride through on its own: it retries on the new leader, and the replicated
 * retry cache answers a retried create as its first attempt was answered. Calls that fail
 * anyway are counted ({@code errors}) but only a loss, or no create after the kill, fails the
 * workload.
 */
final class HaFailover {
    static final int WRITERS = 4;
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Writers' calls retry for up to the client's failover timeout (30 s): wait for them a little longer. */
    private static final long JOIN_WAIT_MS = 40_000;
    private static final long POLL_MS = 50;

    /**
     * How long each phase lasts.
     *
     * @param warm       creates before the kill
     * @param resumedFor creates after the first one that succeeded after the kill
     * @param giveUp     longest wait, from the kill, for creates to resume
     */
    record Plan(Duration warm, Duration resumedFor, Duration giveUp) {
        /** Full scale: 10 s each side of the kill; any smaller scale: 3 s, enough for the pause to be the figure. */
        static Plan forScale(Scale scale) {
            Duration phase = Duration.ofSeconds(scale.divisor() == 1 ? 10 : 3);
            return new Plan(phase, phase, Duration.ofSeconds(60));
        }
    }

    private final LocalProcessCluster cluster;
    private final HydraFileSystem fs;
    private final Consumer<String> progress;

    HaFailover(LocalProcessCluster cluster, HydraFileSystem fs, Consumer<String> progress) {
        this.cluster = cluster;
        this.fs = fs;
        this.progress = progress;
    }

    /** Runs under {@code dir} (deleted first), puts the figures on {@code line}; returns null if it passed, else why not. */
    String run(String dir, Plan plan, JsonLine line) throws HydraException, InterruptedException {
        fs.delete(dir, true);
        CreateWriters load = new CreateWriters(fs, dir, WRITERS);
        for (int t = 0; t < WRITERS; t++) {
            fs.mkdirs(load.writerDir(t));
        }
        long t0 = System.nanoTime();
        load.start();
        int killed = -1;
        long kill;
        long elapsed;
        try {
            try {
                Thread.sleep(plan.warm().toMillis());
                killed = cluster.awaitLeader(LEADER_TIMEOUT);
                progress.accept("killing the meta leader " + cluster.nodeId(killed) + " (pid " + cluster.pid(killed)
                        + ") with SIGKILL");
                kill = System.nanoTime();
                cluster.kill(killed);
                awaitResumed(load, kill, plan);
            } finally {
                if (!load.stopAndJoin(JOIN_WAIT_MS)) {
                    throw new HydraException(ErrorCode.TIMEOUT, "the writers did not stop within " + JOIN_WAIT_MS / 1000
                            + " s");
                }
            }
            elapsed = System.nanoTime() - t0;
        } finally {
            // also when the run failed half-way: the cluster is left with every meta node running
            if (killed >= 0 && !cluster.isAlive(killed)) {
                progress.accept("starting " + cluster.nodeId(killed) + " again");
                cluster.start(killed);
            }
        }
        cluster.awaitReady(READY_TIMEOUT);

        List<Long> times = load.ackTimes();
        long lost = 0;
        for (int t = 0; t < load.writers(); t++) {
            List<String> listed = fs.listStatus(load.writerDir(t)).stream().map(FileStatus::name).toList();
            lost += FailoverTally.lost(load.acknowledged(t).stream().map(CreateWriters.Ack::name).toList(), listed);
        }
        double maxGap = FailoverTally.longestGapNanos(times) / 1e9;
        OptionalLong resumed = FailoverTally.firstAtOrAfter(times, kill);
        line.put("ops", times.size()).put("seconds", elapsed / 1e9).put("rate", maxGap).put("unit", "s")
                .put("max_gap_s", maxGap).put("lost", lost).put("errors", load.failures())
                .put("killed", cluster.nodeId(killed));
        if (resumed.isPresent()) {
            line.put("resumed_after_s", (resumed.getAsLong() - kill) / 1e9);
        }
        if (load.failures() > 0) {
            line.put("first_error", load.failureSamples().get(0));
        }
        if (lost > 0) {
            return lost + " acknowledged creates are missing after the failover (the files are kept under " + dir + ")";
        }
        fs.delete(dir, true);
        return resumed.isPresent() ? null
                : "no create succeeded within " + plan.giveUp().toSeconds() + " s of killing the leader";
    }

    /** Until creates have succeeded for {@code plan.resumedFor()} since the first one after the kill, or the give-up time. */
    private static void awaitResumed(CreateWriters load, long kill, Plan plan) throws InterruptedException {
        long giveUp = kill + plan.giveUp().toNanos();
        while (System.nanoTime() < giveUp) {
            OptionalLong first = FailoverTally.firstAtOrAfter(load.ackTimes(), kill);
            if (first.isPresent() && System.nanoTime() - first.getAsLong() >= plan.resumedFor().toNanos()) {
                return;
            }
            Thread.sleep(POLL_MS);
        }
    }
}
