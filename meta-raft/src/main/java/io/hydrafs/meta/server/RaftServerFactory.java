package io.hydrafs.meta.server;

import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.netty.NettyConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Ratis server of a meta node. Every setting that differs from Ratis's default is
 * here, with the reason (see docs/notes on Ratis): the defaults suit neither a 2-core machine
 * nor a state machine that keeps its state in RocksDB.
 */
final class RaftServerFactory {
    /** Closed log segments Ratis may keep parsed on the heap (besides the open one). */
    static final int CACHED_CLOSED_SEGMENTS = 2;

    private RaftServerFactory() {
    }

    static RaftGroupId groupIdOf(String clusterId) {
        return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("hydrafs-meta:" + clusterId).getBytes(StandardCharsets.UTF_8)));
    }

    static RaftGroup groupOf(MetaNodeConfig c) {
        List<RaftPeer> peers = c.peers().stream()
                .map(p -> RaftPeer.newBuilder().setId(p.id()).setAddress(p.raftAddress())
                        .setClientAddress(p.rpcAddress()).build())
                .toList();
        return RaftGroup.valueOf(groupIdOf(c.clusterId()), peers);
    }

    static RaftServer build(MetaNodeConfig c, StateMachine stateMachine, Path raftDir) throws IOException {
        return RaftServer.newBuilder()
                .setServerId(RaftPeerId.valueOf(c.nodeId()))
                .setGroup(groupOf(c))
                .setStateMachine(stateMachine)
                .setProperties(properties(c, raftDir))
                .setOption(RaftStorage.StartupOption.RECOVER)
                .build();
    }

    /** The Ratis settings of a meta node. */
    static RaftProperties properties(MetaNodeConfig c, Path raftDir) {
        RaftProperties p = new RaftProperties();
        // Ratis keeps recent log segments as parsed entries on the heap: by default up to 6
        // segments or 200 MB of log, and an entry takes about 2.5 times its logged size there.
        // That filled a meta node's 512 MB heap within 20 minutes of steady writes (old
        // generation 91-97%, repeated full collections). The leader's appenders and the state
        // machine read only the log's tail, and an evicted entry is still read from its file.
        // Set before the raw keys, which may loosen it.
        RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, CACHED_CLOSED_SEGMENTS);
        RaftServerConfigKeys.Log.setSegmentCacheSizeMax(p,
                SizeInBytes.valueOf(CACHED_CLOSED_SEGMENTS * c.logSegmentSizeBytes()));
        // Ratis's own keys ("raft.*") in our config pass through verbatim, then: an escape hatch
        // for tuning we did not foresee, which can never override the settings below that
        // linearizable reads, snapshots and storage depend on.
        c.raw().asMap().forEach((key, value) -> {
            if (key.startsWith("raft.")) {
                p.set(key, value);
            }
        });
        RaftServerConfigKeys.setStorageDir(p, List.of(raftDir.toFile()));
        if (c.raftTransport().equals("netty")) {
            RaftConfigKeys.Rpc.setType(p, SupportedRpcType.NETTY);
            NettyConfigKeys.Server.setPort(p, c.self().raftPort());
            NettyConfigKeys.Server.setHost(p, c.self().host());
        } else {
            RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
            GrpcConfigKeys.Server.setPort(p, c.self().raftPort());
            GrpcConfigKeys.Server.setHost(p, c.self().host());
        }
        // Ratis's 150-300 ms default elects on every GC pause of a busy 2-core machine.
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(c.electionTimeoutMinMs(), TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(c.electionTimeoutMaxMs(), TimeUnit.MILLISECONDS));
        // Auto snapshots are off by default, and then the log grows forever.
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, c.snapshotThresholdEntries());
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        // Purging removes closed segments only: the segment size bounds how much log outlives a snapshot.
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(c.logSegmentSizeBytes()));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(c.logSegmentSizeBytes(), 4L << 20)));
        RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(Integer.MAX_VALUE, Math.max(1, c.snapshotThresholdEntries() / 2)));
        // Linearizable reads through ReadIndex; the leader lease makes a round local while it holds.
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
        // A stopped node must not wait for a final snapshot; the database is already current.
        RaftServerConfigKeys.Snapshot.setTriggerWhenStopEnabled(p, false);
        // Ratis appends a metadata entry (the new commit index) after every commit, for state
        // machines that rebuild memory from the log on restart. Ours keeps what it applied in
        // RocksDB with the applied index, so those entries bought nothing and made up ~45% of
        // the log under create load: each one written, synced and shipped to every follower.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        // By default a follower chains each appendEntries onto the previous one with
        // thenComposeAsync and no executor. On a machine with fewer than 3 cores the JDK's
        // common pool has parallelism 1, and CompletableFuture then starts a new thread for
        // every async step: one thread per appendEntries, about half the CPU of the follower's
        // network thread (profiled under mkdir load). Off, the network thread appends in line;
        // one leader's appends arrive on one channel, so they stay in order.
        RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, false);
        return p;
    }
}
