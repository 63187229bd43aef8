package io.hydrafs.ops.cli;

import io.hydrafs.ops.local.BlockstoreStatus;
import io.hydrafs.ops.local.NodeStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text {@code hydra cluster status} prints: a summary line, one row per meta node, then
 * (when the cluster has any) one row per blockstore. Blockstores answer no status call: their
 * row says whether their process runs; whether the meta service counts them is the leader's
 * live/dead count in the summary.
 */
final class ClusterStatusView {
    private static final String ROW = "%-5s %-22s %-8s %-12s %6s %10s";
    private static final String BLOCKSTORE_ROW = "%-5s %-22s %-8s %-12s";

    private ClusterStatusView() {
    }

    static List<String> lines(Path dir, List<NodeStatus> nodes, List<BlockstoreStatus> blockstores) {
        List<String> lines = new ArrayList<>();
        lines.add(summary(dir, nodes, blockstores));
        lines.add(String.format(Locale.ROOT, ROW, "NODE", "ADDRESS", "PID", "ROLE", "TERM", "APPLIED").stripTrailing());
        for (NodeStatus n : nodes) {
            lines.add(String.format(Locale.ROOT, ROW, n.id(), n.address(), n.alive() ? Long.toString(n.pid()) : "-",
                    n.role(), n.answered() ? Long.toString(n.term()) : "-",
                    n.answered() ? Long.toString(n.appliedIndex()) : "-").stripTrailing());
        }
        if (!blockstores.isEmpty()) {
            lines.add(String.format(Locale.ROOT, BLOCKSTORE_ROW, "STORE", "DATA ADDRESS", "PID", "PROCESS").stripTrailing());
            for (BlockstoreStatus b : blockstores) {
                lines.add(String.format(Locale.ROOT, BLOCKSTORE_ROW, b.id(), b.dataAddress(),
                        b.alive() ? Long.toString(b.pid()) : "-", b.alive() ? "RUNNING" : "DOWN").stripTrailing());
            }
        }
        return lines;
    }

    /**
     * "HydraFS cluster in DIR: 3 of 3 meta nodes running, leader m2 (term 3); 2 of 3 blockstores
     * running, the leader counts 2 live and 1 dead".
     */
    static String summary(Path dir, List<NodeStatus> nodes, List<BlockstoreStatus> blockstores) {
        long running = nodes.stream().filter(NodeStatus::alive).count();
        Optional<NodeStatus> leader = NodeStatus.leader(nodes);
        long storesRunning = blockstores.stream().filter(BlockstoreStatus::alive).count();
        return "HydraFS cluster in " + dir.toAbsolutePath().normalize() + ": " + running + " of " + nodes.size()
                + " meta nodes running, " + leader.map(l -> "leader " + l.id() + " (term " + l.term() + ")")
                .orElse("no leader") + "; " + storesRunning + " of " + blockstores.size() + " blockstores running"
                + leader.map(l -> ", the leader counts " + l.liveBlockstores() + " live and " + l.deadBlockstores() + " dead")
                .orElse("");
    }

    /** "1 meta node", "0 blockstores". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
