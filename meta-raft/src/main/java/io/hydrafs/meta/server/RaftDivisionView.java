package io.hydrafs.meta.server;

import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * This meta node's view of its Raft group: role, term, leader and the leader's client
 * address, read from Ratis each time. While the server is not running (starting, stopped)
 * there is no division: the node is STOPPED, at term 0, knows no leader and leads nothing.
 */
final class RaftDivisionView {
    private final RaftServer server;
    private final RaftGroupId groupId;
    private final Map<String, MetaPeer> peersById;

    RaftDivisionView(RaftServer server, RaftGroupId groupId, Map<String, MetaPeer> peersById) {
        this.server = server;
        this.groupId = groupId;
        this.peersById = Map.copyOf(peersById);
    }

    /** The division's info; empty while the server is not running. */
    Optional<DivisionInfo> info() {
        try {
            return Optional.of(server.getDivision(groupId).getInfo());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Leader, and ready: it has committed an entry of its term. */
    boolean isLeader() {
        return info().map(i -> i.isLeader() && i.isLeaderReady()).orElse(false);
    }

    long currentTerm() {
        return info().map(DivisionInfo::getCurrentTerm).orElse(0L);
    }

    String role() {
        return info().map(i -> i.getCurrentRole().name()).orElse("STOPPED");
    }

    Optional<RaftPeerId> leaderId() {
        return info().map(DivisionInfo::getLeaderId);
    }

    /** The client RPC address of the leader this node knows, "" when it knows none. */
    String leaderRpcAddress() {
        return leaderId().map(this::rpcAddressOf).orElse("");
    }

    /** The client RPC address of a member, "" for an id outside the group. */
    String rpcAddressOf(RaftPeerId id) {
        MetaPeer p = peersById.get(id.toString());
        return p == null ? "" : p.rpcAddress();
    }

    RoleInfoProto roleInfo() {
        return info().map(DivisionInfo::getRoleInfoProto).orElse(RoleInfoProto.getDefaultInstance());
    }
}
