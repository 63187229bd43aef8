package io.hydrafs.meta.status;

import io.hydrafs.meta.blocks.BlockstoreView;

import java.util.List;

/**
 * What one meta node shows operators about itself and the cluster at one moment: its Raft
 * state, the group's members, and its view of the blockstores. Figures about blocks
 * (under-replicated, missing) are computed by the leader only; on a follower they stay at the
 * values of its last leadership, or 0.
 *
 * @param leaderId the leader's id, or empty when none is known
 */
public record MetaStatus(String nodeId, String role, long term, long appliedIndex, String leaderId,
                         String leaderRpcAddress, List<Member> members, List<BlockstoreView> blockstores,
                         int underReplicatedBlocks, int missingBlocks) {

    public MetaStatus {
        members = List.copyOf(members);
        blockstores = List.copyOf(blockstores);
    }

    /** One member of the metadata Raft group. */
    public record Member(String id, String raftAddress, String rpcAddress) {
    }

    public long liveBlockstores() {
        return blockstores.stream().filter(BlockstoreView::live).count();
    }

    public long deadBlockstores() {
        return blockstores.size() - liveBlockstores();
    }
}
