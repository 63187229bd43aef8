package io.hydrafs.ops.admin;

import io.hydrafs.client.meta.MetaClient;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AdminReportRequest;
import io.hydrafs.protocol.meta.AdminReportResponse;
import io.hydrafs.protocol.meta.ClusterStatusResponse;
import io.hydrafs.protocol.meta.DecommissionRequest;
import io.hydrafs.protocol.meta.DecommissionResponse;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.SnapshotRequest;
import io.hydrafs.protocol.meta.SnapshotResponse;
import io.hydrafs.protocol.meta.TransferLeaderRequest;
import io.hydrafs.protocol.meta.TransferLeaderResponse;

import java.util.List;
import java.util.Optional;

/**
 * The {@code admin.*} calls of the meta service, for operators' tools. Calls the leader must
 * answer go with the client's failover; transfer and snapshot go to one named node, once, so
 * that a failure is that node's own (a timed-out transfer is not retried elsewhere).
 */
public final class AdminClient {
    private final MetaClient meta;

    public AdminClient(MetaClient meta) {
        this.meta = meta;
    }

    public AdminReportResponse report() throws HydraException {
        return meta.call(MetaMethods.ADMIN_REPORT, AdminReportRequest.getDefaultInstance(),
                AdminReportResponse.parser());
    }

    /** The status of a node that knows the leader; NO_LEADER when the answering node knows none. */
    public ClusterStatusResponse leader() throws HydraException {
        ClusterStatusResponse status = meta.clusterStatus();
        if (status.getLeaderId().isEmpty() || status.getLeaderAddress().isEmpty()) {
            throw new HydraException(ErrorCode.NO_LEADER, "meta node " + status.getNodeId() + " knows no leader now");
        }
        return status;
    }

    /** Asks the leader to hand leadership to {@code targetNodeId}; answers once it leads. */
    public TransferLeaderResponse transferLeader(String targetNodeId, long timeoutMs) throws HydraException {
        ClusterStatusResponse leader = leader();
        return meta.callNode(leader.getLeaderAddress(), MetaMethods.ADMIN_TRANSFER_LEADER,
                TransferLeaderRequest.newBuilder().setTargetNodeId(targetNodeId).setTimeoutMs(timeoutMs).build(),
                TransferLeaderResponse.parser());
    }

    /** A snapshot on the named meta node, or on the leader when {@code nodeId} is empty. */
    public SnapshotResponse snapshot(Optional<String> nodeId) throws HydraException {
        ClusterStatusResponse leader = leader();
        String address = nodeId.isEmpty() ? leader.getLeaderAddress()
                : peerRpcAddress(leader.getPeersList(), nodeId.get()).orElseThrow(() -> new HydraException(
                        ErrorCode.INVALID_ARGUMENT, "no meta node '" + nodeId.get() + "' in the group "
                        + leader.getPeersList()));
        return meta.callNode(address, MetaMethods.ADMIN_SNAPSHOT, SnapshotRequest.getDefaultInstance(),
                SnapshotResponse.parser());
    }

    public DecommissionResponse decommission(String blockstoreId, boolean on) throws HydraException {
        return meta.call(MetaMethods.ADMIN_DECOMMISSION, DecommissionRequest.newBuilder()
                .setBlockstoreId(blockstoreId).setOn(on).build(), DecommissionResponse.parser());
    }

    /** The client address of peer {@code id} in cluster status's peer list ({@code id=host:raftPort:rpcPort}). */
    static Optional<String> peerRpcAddress(List<String> peers, String id) {
        for (String peer : peers) {
            int eq = peer.indexOf('=');
            String[] hostPorts = peer.substring(eq + 1).split(":");
            if (eq > 0 && peer.substring(0, eq).equals(id) && hostPorts.length == 3) {
                return Optional.of(hostPorts[0] + ":" + hostPorts[2]);
            }
        }
        return Optional.empty();
    }
}
