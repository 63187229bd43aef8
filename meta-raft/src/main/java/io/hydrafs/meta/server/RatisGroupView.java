package io.hydrafs.meta.server;

import io.hydrafs.meta.admin.MetaGroupView;
import io.hydrafs.protocol.meta.MetaNodeReport;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.server.DivisionInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The Raft group as this node's Ratis division knows it. A leader knows when it last heard from
 * each follower, but not their terms or applied indexes (those are 0 in its report); a follower
 * knows only itself.
 */
final class RatisGroupView implements MetaGroupView {
    private final MetaNodeConfig config;
    private final RaftDivisionView division;
    private final LongSupplier appliedIndex;

    RatisGroupView(MetaNodeConfig config, RaftDivisionView division, LongSupplier appliedIndex) {
        this.config = config;
        this.division = division;
        this.appliedIndex = appliedIndex;
    }

    @Override
    public String nodeId() {
        return config.nodeId();
    }

    @Override
    public boolean isLeader() {
        return division.isLeader();
    }

    @Override
    public String leaderRpcAddress() {
        return division.leaderRpcAddress();
    }

    @Override
    public long currentTerm() {
        return division.currentTerm();
    }

    @Override
    public List<MetaNodeReport> members() {
        Optional<DivisionInfo> info = division.info();
        Map<String, Long> lastContactMs = new HashMap<>();
        if (info.isPresent() && info.get().isLeader()) {
            RoleInfoProto role = info.get().getRoleInfoProto();
            for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
                lastContactMs.put(follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs());
            }
        }
        List<MetaNodeReport> out = new ArrayList<>();
        for (MetaPeer peer : config.peers()) {
            MetaNodeReport.Builder b = MetaNodeReport.newBuilder().setId(peer.id()).setRpcAddress(peer.rpcAddress())
                    .setLastContactMs(-1);
            if (peer.id().equals(config.nodeId())) {
                b.setRole(division.role())
                        .setTerm(currentTerm()).setAppliedIndex(appliedIndex.getAsLong()).setLastContactMs(0);
            } else if (lastContactMs.containsKey(peer.id())) {
                b.setRole("FOLLOWER").setLastContactMs(lastContactMs.get(peer.id()));
            } else {
                b.setRole("UNKNOWN");
            }
            out.add(b.build());
        }
        return out;
    }

    @Override
    public Optional<String> rpcAddressOf(String nodeId) {
        return config.peers().stream().filter(p -> p.id().equals(nodeId)).map(MetaPeer::rpcAddress).findFirst();
    }
}
