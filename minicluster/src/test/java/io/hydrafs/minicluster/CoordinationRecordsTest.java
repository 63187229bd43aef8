package io.hydrafs.minicluster;

import com.google.protobuf.ByteString;
import io.hydrafs.client.coord.CoordRecord;
import io.hydrafs.client.coord.CoordinationClient;
import io.hydrafs.client.coord.Lease;
import io.hydrafs.meta.server.MetaNode;
import io.hydrafs.meta.server.MetaNodeConfig;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.CoordCompareAndSetRequest;
import io.hydrafs.protocol.meta.CoordCompareAndSetResponse;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.net.NettyRpcClient;
import io.hydrafs.protocol.net.RpcClientOptions;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coordination records on a real 3-node meta group, through {@link CoordinationClient}:
 * compare-and-set, leases and their fencing epochs, leader changes, restarts, snapshots, and
 * the retry cache.
 */
class CoordinationRecordsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private MiniCluster cluster;
    private final List<NettyRpcClient> channels = new ArrayList<>();

    @AfterEach
    void tearDown() {
        channels.forEach(NettyRpcClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private CoordinationClient coordination() throws HydraException {
        return new CoordinationClient(cluster.newClient().meta());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static ErrorCode failure(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(HydraException.class, call).code();
    }

    @Test
    void compareAndSetCreatesUpdatesAndRefusesAnyOtherVersion() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        CoordinationClient coord = coordination();

        long v1 = coord.compareAndSet("/jobs/config", 0, bytes("first"));
        assertEquals(ErrorCode.VERSION_MISMATCH, failure(() -> coord.compareAndSet("/jobs/config", 0, bytes("x"))));
        long v2 = coord.compareAndSet("/jobs/config", v1, bytes("second"));
        assertEquals(ErrorCode.VERSION_MISMATCH, failure(() -> coord.compareAndSet("/jobs/config", v1, bytes("x"))));

        CoordRecord read = coord.get("/jobs/config");
        assertEquals(v2, read.version());
        assertArrayEquals(bytes("second"), read.value());
        assertFalse(read.isLeased());

        assertEquals(ErrorCode.VERSION_MISMATCH, failure(() -> coord.delete("/jobs/config", v1)));
        assertTrue(coord.delete("/jobs/config", v2));
        assertFalse(coord.delete("/jobs/config", v2));
        assertFalse(coord.get("/jobs/config").exists());
    }

    @Test
    void anyUserMayReadButOnlyTheSuperuserMayWrite() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        long version = coordination().compareAndSet("k", 0, bytes("v"));
        CoordinationClient alice = new CoordinationClient(cluster.newClient("alice").meta());

        assertEquals(version, alice.get("k").version());
        assertEquals(ErrorCode.PERMISSION_DENIED, failure(() -> alice.compareAndSet("k", version, bytes("w"))));
        assertEquals(ErrorCode.PERMISSION_DENIED, failure(() -> alice.acquireLease("lock", "alice", bytes(""), 1_000)));
        assertEquals(ErrorCode.INVALID_ARGUMENT, failure(() -> alice.get("")));
    }

    @Test
    void aLeaseIsRefusedToOthersWhileLiveAndGoesToTheNextHolderWithAGreaterEpochOnceItLapses()
            throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        CoordinationClient coord = coordination();
        Lease a = coord.acquireLease("/coordinator/active", "coordinator-a", bytes("hostA:7000"), 1_500);
        assertFalse(a.renewed());

        HydraException refused = assertThrows(HydraException.class,
                () -> coord.acquireLease("/coordinator/active", "coordinator-b", bytes("hostB:7000"), 1_500));
        assertEquals(ErrorCode.LEASE_HELD, refused.code());
        assertTrue(refused.getMessage().contains("coordinator-a"), refused.getMessage());

        long lastRenewal = System.nanoTime();
        Lease renewed = coord.acquireLease("/coordinator/active", "coordinator-a", bytes("hostA:7000"), 1_500);
        assertTrue(renewed.renewed());
        assertEquals(a.epoch(), renewed.epoch());
        CoordRecord held = coord.get("/coordinator/active");
        assertEquals("coordinator-a", held.leaseHolder());
        assertEquals(a.epoch(), held.leaseEpoch());

        // A stops renewing: B gets the lease once A's ttl has passed, with a greater fencing epoch.
        Lease[] b = new Lease[1];
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            try {
                b[0] = coord.acquireLease("/coordinator/active", "coordinator-b", bytes("hostB:7000"), 1_500);
                return true;
            } catch (HydraException e) {
                assertEquals(ErrorCode.LEASE_HELD, e.code(), e.getMessage());
                return false;
            }
        });
        assertTrue(System.nanoTime() - lastRenewal >= TimeUnit.MILLISECONDS.toNanos(1_500),
                "B got the lease before A's ttl had passed");
        assertTrue(b[0].epoch() > a.epoch());
        CoordRecord now = coord.get("/coordinator/active");
        assertEquals("coordinator-b", now.leaseHolder());
        assertArrayEquals(bytes("hostB:7000"), now.value());

        coord.releaseLease("/coordinator/active", "coordinator-b");
        Lease c = coord.acquireLease("/coordinator/active", "coordinator-a", bytes("hostA:7000"), 1_500);
        assertTrue(c.epoch() > b[0].epoch());
    }

    @Test
    void aHolderThatRenewsKeepsItsLeaseAndEpochAcrossAMetaLeaderChange() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        CoordinationClient coord = coordination();
        long ttlMs = 3_000;
        long acquiredAt = System.nanoTime();
        Lease a = coord.acquireLease("/coordinator/active", "coordinator-a", bytes("hostA:7000"), ttlMs);

        cluster.stopMeta(cluster.leaderIndex());
        cluster.awaitLeader(WAIT);
        // Let more than the ttl pass since the grant: only the rule "a new leader counts every
        // lease as renewed when it took office" keeps the lease alive now.
        await().atMost(WAIT).until(() -> System.nanoTime() - acquiredAt > TimeUnit.MILLISECONDS.toNanos(ttlMs + 100));
        Lease renewed = coord.acquireLease("/coordinator/active", "coordinator-a", bytes("hostA:7000"), ttlMs);

        assertTrue(renewed.renewed(), "the lease lapsed during the failover");
        assertEquals(a.epoch(), renewed.epoch());
        assertEquals(ErrorCode.LEASE_HELD, failure(() ->
                coord.acquireLease("/coordinator/active", "coordinator-b", bytes("hostB:7000"), ttlMs)));
    }

    @Test
    void recordsAndLeasesSurviveARestartOfEveryMetaNode() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        CoordinationClient before = coordination();
        long version = before.compareAndSet("/config", 0, bytes("kept"));
        Lease lease = before.acquireLease("/coordinator/active", "coordinator-a", bytes("hostA:7000"), 60_000);

        for (int i = 0; i < 3; i++) {
            cluster.stopMeta(i);
        }
        for (int i = 0; i < 3; i++) {
            cluster.startMeta(i);
        }
        cluster.awaitLeader(WAIT);
        CoordinationClient after = coordination();

        CoordRecord config = after.get("/config");
        assertEquals(version, config.version());
        assertArrayEquals(bytes("kept"), config.value());
        CoordRecord active = after.get("/coordinator/active");
        assertEquals("coordinator-a", active.leaseHolder());
        assertEquals(lease.epoch(), active.leaseEpoch());
        assertTrue(after.compareAndSet("/config", version, bytes("changed")) > lease.version(),
                "versions must go on growing after a restart");
    }

    @Test
    void aFollowerThatCatchesUpThroughASnapshotHoldsTheSameRecords() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3)
                .config(MetaNodeConfig.SNAPSHOT_THRESHOLD.name(), "50")
                .config(MetaNodeConfig.MAX_OPS_PER_BATCH.name(), "1")
                .config(MetaNodeConfig.LOG_SEGMENT_SIZE_BYTES.name(), String.valueOf(16 << 10))
                .start();
        CoordinationClient coord = coordination();
        coord.compareAndSet("/warm-up", 0, bytes("x"));
        int follower = (cluster.leaderIndex() + 1) % 3;
        cluster.stopMeta(follower);

        // one op per entry, well past several snapshot thresholds: the log the follower needs is purged
        long version = 0;
        for (int i = 0; i < 300; i++) {
            version = coord.compareAndSet("/counter", version, bytes("n=" + i));
        }
        int leader = cluster.awaitLeader(WAIT);
        await().atMost(WAIT).until(() -> snapshotCount(leader) > 0);

        cluster.startMeta(follower);
        long target = cluster.meta(leader).appliedIndex();
        await().atMost(WAIT).until(() -> cluster.meta(follower).appliedIndex() >= target);

        assertTrue(snapshotCount(follower) > 0, "the follower did not receive a snapshot");
        assertEquals(cluster.meta(leader).storeDigest(), cluster.meta(follower).storeDigest());
        assertArrayEquals(bytes("n=299"), coord.get("/counter").value());
    }

    @Test
    void aCompareAndSetRetriedOnTheNewLeaderGetsTheOriginalAnswer() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        int leader = cluster.leaderIndex();
        RpcRequest create = RpcRequest.newBuilder().setCallId(42).setClientId(randomClientId())
                .setUser(System.getProperty("user.name")).setMethod(MetaMethods.COORD_COMPARE_AND_SET)
                .setPayload(CoordCompareAndSetRequest.newBuilder().setKey("/retried").setExpectedVersion(0)
                        .setValue(ByteString.copyFromUtf8("v")).build().toByteString())
                .build();
        RpcResponse first = send(cluster.meta(leader), create);
        assertFalse(first.hasError(), first.getError().getMessage());

        cluster.stopMeta(leader);
        int newLeader = cluster.awaitLeader(WAIT);
        RpcResponse again = send(cluster.meta(newLeader), create.toBuilder().setAttempt(1).build());

        assertFalse(again.hasError(), "a retry must not fail: " + again.getError().getMessage());
        assertEquals(CoordCompareAndSetResponse.parseFrom(first.getPayload()).getVersion(),
                CoordCompareAndSetResponse.parseFrom(again.getPayload()).getVersion());
        RpcResponse fresh = send(cluster.meta(newLeader), create.toBuilder().setCallId(43).build());
        assertEquals(ErrorCode.VERSION_MISMATCH.number(), fresh.getError().getCode());
    }

    private RpcResponse send(MetaNode node, RpcRequest request) throws Exception {
        String[] hp = node.rpcAddress().split(":");
        NettyRpcClient c = new NettyRpcClient(hp[0], Integer.parseInt(hp[1]), RpcClientOptions.defaults());
        channels.add(c);
        return c.call(request).get(30, TimeUnit.SECONDS);
    }

    private static ByteString randomClientId() {
        UUID u = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }

    private long snapshotCount(int node) throws Exception {
        Path raft = Path.of(cluster.metaConfig(node).get(MetaNodeConfig.DATA_DIR)).resolve("raft");
        if (!Files.exists(raft)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(raft)) {
            return s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("snapshot\\.\\d+_\\d+"))
                    .count();
        }
    }
}
