package io.hydrafs.minicluster;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.meta.server.MetaNode;
import io.hydrafs.meta.server.MetaNodeConfig;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.SnapshotRequest;
import io.hydrafs.protocol.meta.SnapshotResponse;
import io.hydrafs.protocol.net.NettyRpcClient;
import io.hydrafs.protocol.net.RpcClientOptions;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Durability of the replicated namespace: whole-group restarts and followers catching up by snapshot. */
class ClusterRestartAndCatchUpTest {
    private MiniCluster cluster;

    @AfterEach
    void tearDown() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void restartingAllThreeNodesKeepsTheNamespaceIdentical() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        HydraFileSystem fs = cluster.newClient();
        for (int d = 0; d < 10; d++) {
            fs.mkdirs("/r/d" + d + "/sub");
            for (int f = 0; f < 20; f++) {
                fs.create("/r/d" + d + "/f" + f).close();
            }
            fs.setPermission("/r/d" + d, 0750);
        }
        fs.rename("/r/d0", "/r/d9/moved");
        fs.delete("/r/d1", true);
        String before = listingChecksum(fs, "/");

        for (int i = 0; i < 3; i++) {
            cluster.stopMeta(i);
        }
        for (int i = 0; i < 3; i++) {
            cluster.startMeta(i);
        }
        cluster.awaitLeader(Duration.ofSeconds(60));

        assertEquals(before, listingChecksum(cluster.newClient(), "/"));
    }

    @Test
    void aFollowerBehindThePurgedLogCatchesUpThroughASnapshot() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3)
                .config(MetaNodeConfig.SNAPSHOT_THRESHOLD.name(), "50")
                .config(MetaNodeConfig.MAX_OPS_PER_BATCH.name(), "1")
                .config(MetaNodeConfig.LOG_SEGMENT_SIZE_BYTES.name(), String.valueOf(16 << 10))
                .start();
        HydraFileSystem fs = cluster.newClient();
        fs.mkdirs("/s");
        int leader = cluster.leaderIndex();
        int follower = (leader + 1) % 3;
        cluster.stopMeta(follower);

        // one op per entry: well past several snapshot thresholds, so the log the follower needs is purged
        for (int i = 0; i < 400; i++) {
            fs.mkdirs("/s/d" + i);
        }
        int currentLeader = cluster.awaitLeader(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> hasSnapshot(cluster, currentLeader));

        cluster.startMeta(follower);
        long target = cluster.meta(currentLeader).appliedIndex();
        await().atMost(Duration.ofSeconds(60)).until(() -> cluster.meta(follower).appliedIndex() >= target);

        assertEquals(cluster.meta(currentLeader).storeDigest(), cluster.meta(follower).storeDigest());
        assertTrue(snapshotDirs(cluster, follower) > 0, "the follower did not receive a snapshot");
    }

    @Test
    void aFollowerRestartedOnALogThatEndsAtItsSnapshotReportsTheSnapshotAsApplied() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        HydraFileSystem fs = cluster.newClient();
        for (int i = 0; i < 20; i++) {
            fs.mkdirs("/idle/d" + i);
        }
        int leader = cluster.leaderIndex();
        int follower = (leader + 1) % 3;
        long written = cluster.meta(leader).appliedIndex();
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.meta(follower).appliedIndex() >= written);
        long snapshotIndex = takeSnapshot(cluster.meta(follower));
        assertTrue(snapshotIndex >= written, "snapshot at " + snapshotIndex + ", written " + written);

        cluster.stopMeta(follower);
        cluster.startMeta(follower);

        // the group is idle: no entry arrives to move the applied index after the restart
        assertTrue(cluster.meta(follower).appliedIndex() >= snapshotIndex,
                "applied " + cluster.meta(follower).appliedIndex() + " after a restart on snapshot " + snapshotIndex);
    }

    /** Asks a node, as the superuser, to snapshot its own state now; returns the snapshot's index. */
    private static long takeSnapshot(MetaNode node) throws Exception {
        String[] hp = node.rpcAddress().split(":");
        try (NettyRpcClient c = new NettyRpcClient(hp[0], Integer.parseInt(hp[1]), RpcClientOptions.defaults())) {
            RpcResponse r = c.call(RpcRequest.newBuilder().setCallId(1).setUser(System.getProperty("user.name"))
                    .setMethod(MetaMethods.ADMIN_SNAPSHOT).setPayload(SnapshotRequest.getDefaultInstance().toByteString())
                    .build()).get(60, TimeUnit.SECONDS);
            assertFalse(r.hasError(), () -> r.getError().getMessage());
            return SnapshotResponse.parseFrom(r.getPayload()).getSnapshotIndex();
        }
    }

    @Test
    void aFiveNodeGroupServesCallsAndSurvivesTwoFailures() throws Exception {
        cluster = MiniCluster.builder().metaNodes(5).start();
        HydraFileSystem fs = cluster.newClient();
        fs.mkdirs("/five/a");
        int leader = cluster.leaderIndex();
        cluster.stopMeta(leader);
        cluster.stopMeta((leader + 1) % 5);
        fs.mkdirs("/five/b");
        assertTrue(fs.exists("/five/a"));
        assertTrue(fs.exists("/five/b"));
    }

    private static boolean hasSnapshot(MiniCluster c, int node) throws Exception {
        return snapshotDirs(c, node) > 0;
    }

    private static long snapshotDirs(MiniCluster c, int node) throws Exception {
        Path raft = Path.of(c.metaConfig(node).get(MetaNodeConfig.DATA_DIR)).resolve("raft");
        if (!Files.exists(raft)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(raft)) {
            return s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("snapshot\\.\\d+_\\d+")).count();
        }
    }

    /** SHA-256 over a recursive listing of every inode's path, type, size, owner, group, mode and times. */
    static String listingChecksum(HydraFileSystem fs, String root) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        walk(fs, root, md);
        return HexFormat.of().formatHex(md.digest());
    }

    private static void walk(HydraFileSystem fs, String dir, MessageDigest md) throws Exception {
        for (FileStatus s : fs.listStatus(dir)) {
            md.update((s.path() + "|" + s.isDirectory() + "|" + s.length() + "|" + s.owner() + "|" + s.group() + "|"
                    + s.permission() + "|" + s.modificationTimeMs() + "|" + s.replication() + "|" + s.inodeId() + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (s.isDirectory()) {
                walk(fs, s.path(), md);
            }
        }
    }
}
