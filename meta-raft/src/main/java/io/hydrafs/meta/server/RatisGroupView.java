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
import java.util.function.Supplier;

/**
 * The Raft group as this node's Ratis division knows it. A leader knows when it last heard from
 * each follower, but not their terms or applied indexes (those are 0 in its report); a follower
 * knows only itself.
 */
final class RatisGroupView implements MetaGroupView {
    private final MetaNodeConfig config;
    private final Supplier<DivisionInfo> division;
    private final LongSupplier appliedIndex;

    /** @param division this node's division info, null while the server is not running */
    RatisGroupView(MetaNodeConfig config, Supplier<DivisionInfo> division, LongSupplier appliedIndex) {
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
        DivisionInfo info = division.get();
        return info != null && info.isLeader() && info.isLeaderReady();
    }

    @Override
    public String leaderRpcAddress() {
        DivisionInfo info = division.get();
        if (info == null || info.getLeaderId() == null) {
            return "";
        }
        return rpcAddressOf(info.getLeaderId().toString()).orElse("");
    }

    @Override
    public long currentTerm() {
        DivisionInfo info = division.get();
        return info == null ? 0 : info.getCurrentTerm();
    }

    @Override
    public List<MetaNodeReport> members() {
        DivisionInfo info = division.get();
        Map<String, Long> lastContactMs = new HashMap<>();
        if (info != null && info.isLeader()) {
            RoleInfoProto role = info.getRoleInfoProto();
            for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
                lastContactMs.put(follower.getId().getId().toStringUtf8(), follower.getLastRpcElapsedTimeMs());
            }
        }
        List<MetaNodeReport> out = new ArrayList<>();
        for (MetaPeer peer : config.peers()) {
            MetaNodeReport.Builder b = MetaNodeReport.newBuilder().setId(peer.id()).setRpcAddress(peer.rpcAddress())
                    .setLastContactMs(-1);
            if (peer.id().equals(config.nodeId())) {
                b.setRole(info == null ? "STOPPED" : info.getCurrentRole().name())
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
