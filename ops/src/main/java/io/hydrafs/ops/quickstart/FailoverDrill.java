package io.hydrafs.ops.quickstart;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.ops.failover.CreateWriters;
import io.hydrafs.ops.failover.FailoverTally;
import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.ops.local.NodeStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The failover drill: writers create files in a loop, the leader is killed with SIGKILL, the
 * writers go on until creates have been flowing again for a while, then every acknowledged
 * create is looked up. A crash of the leader must cost a pause, never an acknowledged write
 * and never a failed call (the client retries on the new leader; the replicated retry cache
 * makes a retried create answer as the first attempt did).
 */
final class FailoverDrill {
    private static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
    /** Writers retry for up to the client's failover timeout (30 s) before a call fails. */
    private static final Duration RESUME_TIMEOUT = Duration.ofSeconds(45);
    private static final long JOIN_WAIT_MS = 40_000;
    private static final Duration POLL = Duration.ofMillis(100);

    private final LocalProcessCluster cluster;
    private final int writers;
    private final Duration beforeKill;
    private final Duration afterResume;
    private int killedIndex = -1;

    FailoverDrill(LocalProcessCluster cluster, int writers, Duration beforeKill, Duration afterResume) {
        this.cluster = cluster;
        this.writers = writers;
        this.beforeKill = beforeKill;
        this.afterResume = afterResume;
    }

    /** Runs the drill under {@code base} (deleted first); {@link #killedIndex()} is then the killed node. */
    FailoverReport run(HydraFileSystem fs, String base) throws HydraException, InterruptedException {
        fs.delete(base, true);   // a leftover of a run on a kept cluster; false if absent
        CreateWriters load = new CreateWriters(fs, base, writers);
        for (int t = 0; t < writers; t++) {
            fs.mkdirs(load.writerDir(t));
        }
        load.start();
        long kill;
        NodeStatus killed;
        try {
            Thread.sleep(beforeKill.toMillis());
            killedIndex = cluster.awaitLeader(LEADER_TIMEOUT);
            killed = cluster.status().get(killedIndex);
            kill = System.nanoTime();
            cluster.kill(killedIndex);
            int next = cluster.awaitLeader(LEADER_TIMEOUT);
            Duration leaderAfter = Duration.ofNanos(System.nanoTime() - kill);
            NodeStatus newLeader = cluster.status().get(next);
            awaitResumed(load, kill);
            if (!load.stopAndJoin(JOIN_WAIT_MS)) {
                throw new HydraException(ErrorCode.TIMEOUT, "the writers did not stop within " + JOIN_WAIT_MS / 1000 + " s");
            }
            return report(fs, load, killed, kill, newLeader, leaderAfter);
        } finally {
            load.stopAndJoin(JOIN_WAIT_MS);
        }
    }

    int killedIndex() {
        return killedIndex;
    }

    /**
     * Starts the killed node again on its ports and data and waits until it has applied what
     * the leader has; returns a line saying so.
     */
    String rejoin() throws HydraException, InterruptedException {
        long t0 = System.nanoTime();
        cluster.start(killedIndex);
        long giveUp = t0 + LEADER_TIMEOUT.toNanos();
        while (true) {
            List<NodeStatus> now = cluster.status();
            NodeStatus node = now.get(killedIndex);
            int leader = NodeStatus.leaderIndex(now);
            if (leader >= 0 && node.answered() && node.appliedIndex() >= now.get(leader).appliedIndex()) {
                return "restarted " + node.id() + " on its data: it rejoined as " + node.role() + " and caught up to "
                        + "applied index " + node.appliedIndex() + " in "
                        + FailoverReport.seconds(Duration.ofNanos(System.nanoTime() - t0));
            }
            if (System.nanoTime() > giveUp) {
                throw new HydraException(ErrorCode.TIMEOUT, "restarted " + node.brief() + " did not catch up with the leader"
                        + " within " + LEADER_TIMEOUT.toSeconds() + " s; see " + cluster.layout().logFile(node.id()));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Until creates have been acknowledged for {@code afterResume} since the first one after the kill. */
    private void awaitResumed(CreateWriters load, long kill) throws InterruptedException {
        long giveUp = kill + RESUME_TIMEOUT.toNanos();
        while (System.nanoTime() < giveUp) {
            OptionalLong first = FailoverTally.firstAtOrAfter(load.ackTimes(), kill);
            if (first.isPresent() && System.nanoTime() - first.getAsLong() >= afterResume.toNanos()) {
                return;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private FailoverReport report(HydraFileSystem fs, CreateWriters load, NodeStatus killed, long kill,
                                  NodeStatus newLeader, Duration leaderAfter) throws HydraException {
        long acknowledged = 0;
        long present = 0;
        long stillOpen = 0;
        long unacknowledged = 0;
        for (int t = 0; t < load.writers(); t++) {
            Map<String, FileStatus> found = new HashMap<>();
            for (FileStatus s : fs.listStatus(load.writerDir(t))) {
                found.put(s.name(), s);
            }
            List<CreateWriters.Ack> acks = load.acknowledged(t);
            acknowledged += acks.size();
            for (CreateWriters.Ack a : acks) {
                FileStatus s = found.remove(a.name());
                if (s != null) {
                    present++;
                    stillOpen += s.underConstruction() ? 1 : 0;
                }
            }
            unacknowledged += found.size();
        }
        List<Long> times = load.ackTimes();
        OptionalLong resumed = FailoverTally.firstAtOrAfter(times, kill);
        return new FailoverReport(killed.id(), killed.pid(), killed.term(), beforeKill, newLeader.id(), newLeader.term(),
                leaderAfter, resumed.isPresent() ? Duration.ofNanos(resumed.getAsLong() - kill) : null,
                Duration.ofNanos(FailoverTally.longestGapNanos(times)), acknowledged, present, stillOpen, unacknowledged,
                load.failures(), load.failureSamples());
    }
}
