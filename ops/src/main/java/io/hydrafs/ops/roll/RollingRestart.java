package io.hydrafs.ops.roll;

import io.hydrafs.ops.admin.AdminClient;
import io.hydrafs.ops.local.LocalProcessCluster;
import io.hydrafs.ops.local.NodeStatus;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockstoreReport;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Restarts every node of a running local cluster, one at a time, so that clients see no failed
 * call (their retries absorb each switch):
 * <ol>
 *   <li>meta nodes in {@link RollPlan} order, followers first: a leader first hands leadership
 *       to the most caught-up follower; each node is stopped (SIGTERM), started, and the roll
 *       goes on only once it has applied everything the leader had applied when it came back
 *       and holds a full block report of every blockstore (a node still catching up does not
 *       count towards a majority yet, and a leader without block reports could not tell clients
 *       where replicas are);</li>
 *   <li>then blockstores: stop, start, and wait until the leader counts the new process live
 *       and holds its full block report (until then its replicas are unknown to readers and
 *       to the replication monitor, and a second blockstore down could hide a block).</li>
 * </ol>
 * Every wait is bounded by the step timeout; a step that times out stops the roll with an
 * error naming the node, leaving the other nodes as they are.
 */
public final class RollingRestart {
    private static final long POLL_MS = 200;
    private static final long TRANSFER_ATTEMPT_MS = 10_000;

    private final LocalProcessCluster cluster;
    private final AdminClient admin;
    private final Duration stepTimeout;
    private final Consumer<String> progress;

    /**
     * @param admin    admin calls as the superuser (leadership transfer, the leader's blockstore view)
     * @param progress receives one line per finished step
     */
    public RollingRestart(LocalProcessCluster cluster, AdminClient admin, Duration stepTimeout, Consumer<String> progress) {
        this.cluster = cluster;
        this.admin = admin;
        this.stepTimeout = stepTimeout;
        this.progress = progress;
    }

    /** Rolls every meta node, then every blockstore. */
    public void run() throws HydraException {
        List<Integer> order = RollPlan.metaOrder(cluster.status());
        for (int i = 0; i < cluster.blockstoreCount(); i++) {
            if (!cluster.isBlockstoreAlive(i)) {
                throw new HydraException(ErrorCode.NOT_READY, "a rolling restart needs every blockstore running; "
                        + cluster.blockstoreId(i) + " is down");
            }
        }
        for (int i : order) {
            restartMeta(i);
        }
        for (int i = 0; i < cluster.blockstoreCount(); i++) {
            restartBlockstore(i);
        }
    }

    private void restartMeta(int index) throws HydraException {
        long startNs = System.nanoTime();
        String id = cluster.nodeId(index);
        List<NodeStatus> before = cluster.status();
        int leader = NodeStatus.leaderIndex(before);
        if (leader == index) {
            moveLeadershipAway(index);
        }
        // Said in the progress line: the one thing a roll must never do is stop the leader
        // without handing off, whatever elections happened on their own meanwhile.
        String roleAtStop = NodeStatus.leaderIndex(cluster.status()) == index ? "the leader" : "a follower";
        long oldPid = cluster.pid(index);
        cluster.stop(index);
        cluster.start(index);
        long target = leaderAppliedIndex();
        int blockstores = cluster.blockstoreCount();
        await(() -> {
            NodeStatus now = cluster.status().get(index);
            return now.appliedIndex() >= target && now.reportedBlockstores() >= blockstores;
        }, "meta node " + id + " to apply the log up to index " + target + " and hold the block reports of "
                + blockstores + " blockstores");
        progress.accept(String.format("restarted meta node %s, %s when stopped (pid %d -> %d), caught up to index %d"
                + " and %d block reports in %.1f s", id, roleAtStop, oldPid, cluster.pid(index), target, blockstores,
                seconds(startNs)));
    }

    /**
     * Transfers leadership off {@code index}, trying again until the step timeout: under load a
     * transfer can fail without anyone's fault (the target loses its election to a follower with
     * a longer log and the old leader wins the next term), as LeadershipHandoff also expects.
     */
    private void moveLeadershipAway(int index) throws HydraException {
        long deadline = System.nanoTime() + stepTimeout.toNanos();
        HydraException last = null;
        while (System.nanoTime() < deadline) {
            List<NodeStatus> now = cluster.status();
            int leader = NodeStatus.leaderIndex(now);
            if (leader >= 0 && leader != index) {
                progress.accept("moved meta leadership from " + cluster.nodeId(index) + " to " + cluster.nodeId(leader));
                return;
            }
            if (leader == index) {
                int successor = RollPlan.successor(now, leader);
                try {
                    admin.transferLeader(cluster.nodeId(successor), TRANSFER_ATTEMPT_MS); // confirmed next round
                } catch (HydraException e) {
                    last = e;
                }
            }
            pause();
        }
        throw new HydraException(ErrorCode.TIMEOUT, "rolling restart stopped: leadership did not move off meta node "
                + cluster.nodeId(index) + " within " + stepTimeout.toSeconds() + " s"
                + (last == null ? "" : " (last attempt: " + last.getMessage() + ")"));
    }

    private void restartBlockstore(int index) throws HydraException {
        long startNs = System.nanoTime();
        String id = cluster.blockstoreId(index);
        long oldStart = report(id).map(BlockstoreReport::getStartTimeMs).orElse(0L);
        long oldPid = cluster.blockstorePid(index);
        cluster.stopBlockstore(index);
        cluster.startBlockstore(index);
        await(() -> report(id).filter(b -> b.getLive() && b.getStartTimeMs() != oldStart && b.getFullReportReceived())
                        .isPresent(),
                "the meta leader to hold a block report of the restarted blockstore " + id);
        long replicas = report(id).map(BlockstoreReport::getReplicas).orElse(0L);
        progress.accept(String.format("restarted blockstore %s (pid %d -> %d), block report of %d replicas in %.1f s",
                id, oldPid, cluster.blockstorePid(index), replicas, seconds(startNs)));
    }

    private long leaderAppliedIndex() throws HydraException {
        int leader = cluster.awaitLeader(stepTimeout);
        return cluster.status().get(leader).appliedIndex();
    }

    private Optional<BlockstoreReport> report(String blockstoreId) throws HydraException {
        return admin.report().getBlockstoresList().stream()
                .filter(b -> b.getLocation().getId().equals(blockstoreId)).findFirst();
    }

    private interface Condition {
        boolean holds() throws HydraException;
    }

    private void await(Condition condition, String what) throws HydraException {
        long deadline = System.nanoTime() + stepTimeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new HydraException(ErrorCode.TIMEOUT, "rolling restart stopped: waited " + stepTimeout.toSeconds()
                        + " s for " + what + "; see " + cluster.layout().logHint());
            }
            pause();
        }
    }

    private static void pause() throws HydraException {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.IO_ERROR, "rolling restart interrupted", e);
        }
    }

    private static double seconds(long startNs) {
        return (System.nanoTime() - startNs) / (double) TimeUnit.SECONDS.toNanos(1);
    }
}
