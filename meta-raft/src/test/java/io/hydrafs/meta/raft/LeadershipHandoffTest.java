package io.hydrafs.meta.raft;

import org.apache.ratis.proto.RaftProtos.FollowerInfoProto;
import org.apache.ratis.proto.RaftProtos.LeaderInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeadershipHandoffTest {

    @Test
    void followersAreTriedMostRecentlyHeardFirst() {
        RoleInfoProto leader = leaderHearing(follower("m2", 120), follower("m1", 15), follower("m4", 60));

        assertEquals(List.of("m1", "m4", "m2"), LeadershipHandoff.candidates(leader, 1_000));
    }

    @Test
    void aFollowerNotHeardFromLatelyIsNoCandidate() {
        RoleInfoProto leader = leaderHearing(follower("m1", 5_000), follower("m2", 40));

        assertEquals(List.of("m2"), LeadershipHandoff.candidates(leader, 1_000));
    }

    @Test
    void aNodeThatIsNotLeaderHasNoOneToHandOverTo() {
        RoleInfoProto follower = RoleInfoProto.newBuilder()
                .setFollowerInfo(FollowerInfoProto.newBuilder().setLeaderInfo(follower("m3", 10))).build();

        assertEquals(List.of(), LeadershipHandoff.candidates(follower, 1_000));
    }

    private static RoleInfoProto leaderHearing(ServerRpcProto... followers) {
        return RoleInfoProto.newBuilder()
                .setLeaderInfo(LeaderInfoProto.newBuilder().addAllFollowerInfo(List.of(followers))).build();
    }

    private static ServerRpcProto follower(String id, long lastHeardMsAgo) {
        return ServerRpcProto.newBuilder()
                .setId(RaftPeerProto.newBuilder().setId(ByteString.copyFromUtf8(id)))
                .setLastRpcElapsedTimeMs(lastHeardMsAgo).build();
    }
}
