package io.hydrafs.meta.admin;

import io.hydrafs.meta.blocks.BlockstoreState;
import io.hydrafs.protocol.meta.AdminReportResponse;
import io.hydrafs.protocol.meta.BlockstoreReport;
import io.hydrafs.protocol.meta.MetaNodeReport;

import java.util.List;

/** Turns the leader's view of the cluster into the wire form of admin.report. Pure. */
final class AdminReports {
    private AdminReports() {
    }

    static BlockstoreReport blockstore(BlockstoreState s) {
        return BlockstoreReport.newBuilder()
                .setLocation(s.location())
                .setLive(s.live())
                .setCapacityBytes(s.storage().getCapacityBytes())
                .setUsedBytes(s.storage().getUsedBytes())
                .setRemainingBytes(s.storage().getRemainingBytes())
                .setReplicas(s.replicas())
                .setDecommissioning(s.decommissioning())
                .setDecommissionPendingBlocks(s.decommissionPendingBlocks())
                .setLastHeardMsAgo(Math.max(0, s.lastHeardMsAgo()))
                .setStartTimeMs(s.startTimeMs())
                .setFullReportReceived(s.fullReportReceived())
                .build();
    }

    static AdminReportResponse report(String leaderId, long term, List<MetaNodeReport> members,
                                      List<BlockstoreState> blockstores, int underReplicated, int missing) {
        AdminReportResponse.Builder b = AdminReportResponse.newBuilder().setLeaderId(leaderId).setTerm(term)
                .addAllMetaNodes(members).setUnderReplicatedBlocks(underReplicated).setMissingBlocks(missing);
        blockstores.forEach(s -> b.addBlockstores(blockstore(s)));
        return b.build();
    }
}
