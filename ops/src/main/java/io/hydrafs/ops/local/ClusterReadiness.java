package io.hydrafs.ops.local;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * When a started local cluster is ready for clients, which is when {@code start} returns:
 * every meta node answers {@code meta.clusterStatus}, one of them is leader, the leader counts
 * at least as many live blockstores as the cluster launched (so a write finds its targets),
 * every blockstore's data port accepts connections (so a write to them can begin), and a
 * linearizable read through the failover client succeeds. The leader's count is the
 * one that matters: it alone places replicas.
 */
final class ClusterReadiness {
    private ClusterReadiness() {
    }

    /**
     * What the cluster still lacks, in words for a timeout message, or empty when ready.
     * {@code dataPortsClosed} names the blockstores whose data port does not accept connections.
     * {@code groupServes} is asked last, and only when everything else holds, since it costs a call.
     */
    static Optional<String> lacking(List<NodeStatus> metaNodes, int blockstores, List<String> dataPortsClosed,
                                    BooleanSupplier groupServes) {
        List<String> silent = metaNodes.stream().filter(n -> !n.answered()).map(NodeStatus::brief).toList();
        if (!silent.isEmpty()) {
            return Optional.of("not answering: " + String.join(", ", silent));
        }
        Optional<NodeStatus> leader = NodeStatus.leader(metaNodes);
        if (leader.isEmpty()) {
            return Optional.of("no leader (" + metaNodes.stream().map(NodeStatus::brief).collect(Collectors.joining(", ")) + ")");
        }
        NodeStatus l = leader.get();
        if (l.liveBlockstores() < blockstores) {
            return Optional.of("leader " + l.id() + " counts " + Math.max(0, l.liveBlockstores()) + " of " + blockstores
                    + " blockstores live");
        }
        if (!dataPortsClosed.isEmpty()) {
            return Optional.of("data port not open yet: " + String.join(", ", dataPortsClosed));
        }
        if (!groupServes.getAsBoolean()) {
            return Optional.of("leader " + l.id() + " does not serve reads yet");
        }
        return Optional.empty();
    }
}
