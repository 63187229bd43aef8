package io.hydrafs.ops.cli;

import io.hydrafs.ops.local.BlockstoreStatus;
import io.hydrafs.ops.local.ComputeNodeStatus;
import io.hydrafs.ops.local.NodeStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The text {@code hydra cluster status} prints: a summary line, one row per meta node, then
 * (when the cluster has any) one row per blockstore. Blockstores answer no status call: their
 * row says whether their process runs; whether the meta service counts them is the leader's
 * live/dead count in the summary. A last line gives each node's status HTTP address when known.
 */
final class ClusterStatusView {
    private static final String ROW = "%-5s %-22s %-8s %-12s %6s %10s";
    private static final String BLOCKSTORE_ROW = "%-5s %-22s %-8s %-12s";
    private static final String COMPUTE_ROW = "%-5s %-22s %-8s %-12s %s";

    private ClusterStatusView() {
    }

    static List<String> lines(Path dir, List<NodeStatus> nodes, List<BlockstoreStatus> blockstores) {
        return lines(dir, nodes, blockstores, Map.of());
    }

    /**
     * As above, then one line with each node's status HTTP address ("HTTP: m1 http://127.0.0.1:9873/
     * ..."), for the nodes whose port the cluster record holds.
     */
    static List<String> lines(Path dir, List<NodeStatus> nodes, List<BlockstoreStatus> blockstores,
                              Map<String, Integer> httpPorts) {
        return lines(dir, nodes, blockstores, List.of(), httpPorts);
    }

    /** As above, with the compute nodes (coordinator and workers) after the blockstores, when there are any. */
    static List<String> lines(Path dir, List<NodeStatus> nodes, List<BlockstoreStatus> blockstores,
                              List<ComputeNodeStatus> compute, Map<String, Integer> httpPorts) {
        List<String> lines = table(dir, nodes, blockstores);
        computeSummary(compute).ifPresent(l -> lines.add(1, l));
        if (!compute.isEmpty()) {
            lines.add(String.format(Locale.ROOT, COMPUTE_ROW, "NODE", "ADDRESS", "PID", "PROCESS", "ROLE").stripTrailing());
            for (ComputeNodeStatus c : compute) {
                lines.add(String.format(Locale.ROOT, COMPUTE_ROW, c.id(), c.address(),
                        c.alive() ? Long.toString(c.pid()) : "-", c.alive() ? "RUNNING" : "DOWN", c.roleText()).stripTrailing());
            }
        }
        List<String> http = new ArrayList<>();
        for (NodeStatus n : nodes) {
            httpUrl(n.id(), n.address(), httpPorts).ifPresent(http::add);
        }
        for (BlockstoreStatus b : blockstores) {
            httpUrl(b.id(), b.dataAddress(), httpPorts).ifPresent(http::add);
        }
        if (!http.isEmpty()) {
            lines.add("HTTP: " + String.join(", ", http));
        }
        return lines;
    }

    /** "m1 http://127.0.0.1:9873/": the node's host (from its address) and its HTTP port. */
    private static Optional<String> httpUrl(String id, String address, Map<String, Integer> httpPorts) {
        Integer port = httpPorts.get(id);
        if (port == null) {
            return Optional.empty();
        }
        int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : address;
        return Optional.of(id + " http://" + host + ":" + port + "/");
    }

    private static List<String> table(Path dir, List<NodeStatus> nodes, List<BlockstoreStatus> blockstores) {
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

    /**
     * "MapReduce: coordinator c1 at 127.0.0.1:7505 active, c2 at 127.0.0.1:7515 standby; 2 of 2
     * workers running, the active coordinator counts 2 live"; empty for a cluster without
     * compute nodes.
     */
    static Optional<String> computeSummary(List<ComputeNodeStatus> compute) {
        List<ComputeNodeStatus> coordinators = compute.stream()
                .filter(c -> c.role().equals(ComputeNodeStatus.COORDINATOR)).toList();
        if (coordinators.isEmpty()) {
            return Optional.empty();
        }
        String each = coordinators.stream().map(c -> c.id() + " at " + c.address() + " " + (!c.alive() ? "down"
                : switch (c.haState()) {
                    case ACTIVE -> "active";
                    case STANDBY -> "standby";
                    case UNKNOWN -> "not answering";
                })).collect(Collectors.joining(", "));
        List<ComputeNodeStatus> workers = compute.stream().filter(w -> w.role().equals(ComputeNodeStatus.WORKER)).toList();
        long running = workers.stream().filter(ComputeNodeStatus::alive).count();
        Optional<ComputeNodeStatus> active = coordinators.stream().filter(ComputeNodeStatus::active).findFirst();
        return Optional.of("MapReduce: coordinator " + each + "; " + running + " of " + workers.size()
                + " workers running, " + active.map(c -> "the active coordinator counts " + c.liveWorkers() + " live")
                .orElse("no coordinator is active"));
    }

    /** "1 meta node", "0 blockstores". */
    static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
