package io.hydrafs.ops.cli;

import io.hydrafs.ops.local.NodeStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The text {@code hydra cluster status} prints: a summary line, then one row per node. */
final class ClusterStatusView {
    private static final String ROW = "%-5s %-22s %-8s %-12s %6s %10s";

    private ClusterStatusView() {
    }

    static List<String> lines(Path dir, List<NodeStatus> nodes) {
        List<String> lines = new ArrayList<>();
        lines.add(summary(dir, nodes));
        lines.add(String.format(Locale.ROOT, ROW, "NODE", "ADDRESS", "PID", "ROLE", "TERM", "APPLIED").stripTrailing());
        for (NodeStatus n : nodes) {
            lines.add(String.format(Locale.ROOT, ROW, n.id(), n.address(), n.alive() ? Long.toString(n.pid()) : "-",
                    n.role(), n.answered() ? Long.toString(n.term()) : "-",
                    n.answered() ? Long.toString(n.appliedIndex()) : "-").stripTrailing());
        }
        return lines;
    }

    /** "HydraFS cluster in DIR: 3 of 3 meta nodes running, leader m2 (term 3)". */
    static String summary(Path dir, List<NodeStatus> nodes) {
        long running = nodes.stream().filter(NodeStatus::alive).count();
        Optional<NodeStatus> leader = NodeStatus.leader(nodes);
        return "HydraFS cluster in " + dir.toAbsolutePath().normalize() + ": " + running + " of " + nodes.size()
                + " meta nodes running, " + leader.map(l -> "leader " + l.id() + " (term " + l.term() + ")")
                .orElse("no leader");
    }
}
