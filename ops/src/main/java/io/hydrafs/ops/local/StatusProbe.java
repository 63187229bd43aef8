package io.hydrafs.ops.local;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.meta.MetaClient;
import io.hydrafs.meta.server.MetaPeer;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.ClusterStatusResponse;

import java.util.List;

/**
 * Asks meta nodes how they are (including how many blockstores each counts live and dead), over the client protocol as any operator tool would: one
 * {@code meta.clusterStatus} attempt per node (no failover, short timeout), and one read through
 * the failover client to learn whether the group actually serves. Not a test of the processes:
 * whether a process runs is the caller's knowledge.
 */
final class StatusProbe implements AutoCloseable {
    private static final long RPC_TIMEOUT_MS = 2_000;
    private static final long FAILOVER_TIMEOUT_MS = 3_000;

    private final MetaClient client;

    StatusProbe(List<String> addresses) {
        ClientOptions options = ClientOptions.builder()
                .metaAddresses(addresses)
                .rpcTimeoutMs(RPC_TIMEOUT_MS)
                .failoverTimeoutMs(FAILOVER_TIMEOUT_MS)
                .build();
        this.client = new MetaClient(options.metaClientConfig(), options.channelFactory());
    }

    /** The node's own report, or UNREACHABLE if its process runs but it does not answer. */
    NodeStatus probe(MetaPeer peer, long pid) {
        try {
            ClusterStatusResponse r = client.clusterStatus(peer.rpcAddress());
            return new NodeStatus(peer.id(), peer.rpcAddress(), pid, true, r.getRole(), r.getTerm(), r.getAppliedIndex(),
                    r.getLiveBlockstores(), r.getDeadBlockstores(), r.getReportedBlockstores());
        } catch (HydraException | RuntimeException e) {
            return NodeStatus.unreachable(peer.id(), peer.rpcAddress(), pid);
        }
    }

    /** Whether a linearizable read of "/" succeeds, i.e. some leader is ready to serve. */
    boolean groupServes() {
        try {
            client.getFileStatus("/");
            return true;
        } catch (HydraException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
