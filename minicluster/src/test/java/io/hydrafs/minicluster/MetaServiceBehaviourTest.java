package io.hydrafs.minicluster;

import com.codahale.metrics.Gauge;
import com.google.protobuf.ByteString;
import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.meta.blocks.BlockManagementConfigKeys;
import io.hydrafs.meta.server.MetaNode;
import io.hydrafs.meta.server.MetaNodeConfig;
import io.hydrafs.meta.service.MetaService;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.CoordGetRequest;
import io.hydrafs.protocol.meta.CreateRequest;
import io.hydrafs.protocol.meta.CreateResponse;
import io.hydrafs.protocol.meta.GetBlockLocationsRequest;
import io.hydrafs.protocol.meta.GetContentSummaryRequest;
import io.hydrafs.protocol.meta.GetFileStatusRequest;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.net.NettyRpcClient;
import io.hydrafs.protocol.net.RpcClientOptions;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meta service's contract as seen on the wire: hints, the retry cache across leaders,
 * malformed calls, follower reads, lease expiry and metrics. Raw RPC channels are used where
 * the SDK would hide the behaviour under test.
 */
class MetaServiceBehaviourTest {
    private MiniCluster cluster;
    private final List<NettyRpcClient> channels = new ArrayList<>();

    @AfterEach
    void tearDown() {
        channels.forEach(NettyRpcClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private NettyRpcClient channelTo(MetaNode node) {
        String[] hp = node.rpcAddress().split(":");
        NettyRpcClient c = new NettyRpcClient(hp[0], Integer.parseInt(hp[1]), RpcClientOptions.defaults());
        channels.add(c);
        return c;
    }

    private static final ByteString CLIENT = uuidBytes();

    private static ByteString uuidBytes() {
        UUID u = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }

    private static RpcRequest.Builder call(long callId, String method, com.google.protobuf.Message payload) {
        return RpcRequest.newBuilder().setCallId(callId).setClientId(CLIENT).setUser(System.getProperty("user.name"))
                .setMethod(method).setPayload(payload.toByteString());
    }

    private static RpcResponse send(NettyRpcClient c, RpcRequest r) throws Exception {
        return c.call(r).get(30, TimeUnit.SECONDS);
    }

    @Test
    void aLeaderBelowItsDiskReserveRefusesChangesButKeepsServingReads() throws Exception {
        // A reserve larger than any disk: every node judges its disk nearly full from the start.
        cluster = MiniCluster.builder().metaNodes(3)
                .config(MetaNodeConfig.DISK_RESERVED_BYTES.name(), Long.toString(Long.MAX_VALUE / 2)).start();
        MetaNode leader = cluster.meta(cluster.leaderIndex());
        try (HydraFileSystem fs = cluster.newClient()) {
            HydraException refused = assertThrows(HydraException.class, () -> fs.mkdirs("/refused"));

            assertEquals(ErrorCode.METADATA_DISK_FULL, refused.code());
            assertTrue(refused.getMessage().contains("hydra.meta.disk.reserved.bytes"), refused.getMessage());
            assertTrue(fs.getFileStatus("/").isDirectory(), "reads go on");
            assertEquals(ErrorCode.FILE_NOT_FOUND,
                    assertThrows(HydraException.class, () -> fs.getFileStatus("/refused")).code());
            assertEquals(1, leader.metrics().getGauges().get("meta.disk.low").getValue());
            assertTrue((Long) leader.metrics().getGauges().get("meta.disk.usable.bytes").getValue() > 0);
        }
    }

    @Test
    void aFollowerAnswersNotLeaderWithTheLeadersAddress() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        int leader = cluster.leaderIndex();
        MetaNode follower = cluster.meta((leader + 1) % 3);
        RpcResponse r = send(channelTo(follower), call(1, MetaMethods.GET_FILE_STATUS,
                GetFileStatusRequest.newBuilder().setPath("/").build()).build());
        assertEquals(ErrorCode.NOT_LEADER.number(), r.getError().getCode());
        assertEquals(cluster.meta(leader).rpcAddress(), r.getError().getLeaderHint());
    }

    @Test
    void aCreateRetriedOnTheNewLeaderGetsTheOriginalAnswer() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        int leader = cluster.leaderIndex();
        RpcRequest create = call(42, MetaMethods.CREATE, CreateRequest.newBuilder().setPath("/retried")
                .setClientName("writer-1").setCreateParent(true).build()).build();
        RpcResponse first = send(channelTo(cluster.meta(leader)), create);
        assertFalse(first.hasError(), first.getError().getMessage());

        cluster.stopMeta(leader);
        int newLeader = cluster.awaitLeader(Duration.ofSeconds(30));
        RpcResponse again = send(channelTo(cluster.meta(newLeader)), create.toBuilder().setAttempt(1).build());

        assertFalse(again.hasError(), "a retry must not fail: " + again.getError().getMessage());
        assertEquals(CreateResponse.parseFrom(first.getPayload()).getStatus().getInodeId(),
                CreateResponse.parseFrom(again.getPayload()).getStatus().getInodeId());
        RpcResponse fresh = send(channelTo(cluster.meta(newLeader)), create.toBuilder().setCallId(43).build());
        assertEquals(ErrorCode.ALREADY_BEING_CREATED.number(), fresh.getError().getCode());
    }

    @Test
    void malformedCallsGetDistinctCodesAndTheNodeKeepsServing() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        NettyRpcClient leader = channelTo(cluster.meta(cluster.leaderIndex()));
        RpcResponse garbage = send(leader, call(1, MetaMethods.MKDIRS, CreateRequest.getDefaultInstance())
                .setPayload(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01, 0x02})).build());
        assertEquals(ErrorCode.MALFORMED_REQUEST.number(), garbage.getError().getCode());
        RpcResponse noClientId = send(leader, call(2, MetaMethods.MKDIRS, CreateRequest.getDefaultInstance())
                .setClientId(ByteString.EMPTY).build());
        assertEquals(ErrorCode.MALFORMED_REQUEST.number(), noClientId.getError().getCode());
        RpcResponse noUser = send(leader, call(3, MetaMethods.GET_FILE_STATUS,
                GetFileStatusRequest.newBuilder().setPath("/").build()).setUser("").build());
        assertEquals(ErrorCode.INVALID_ARGUMENT.number(), noUser.getError().getCode());
        RpcResponse unknown = send(leader, call(4, "meta.format", GetFileStatusRequest.getDefaultInstance()).build());
        assertEquals(ErrorCode.UNKNOWN_METHOD.number(), unknown.getError().getCode());

        RpcResponse ok = send(leader, call(5, MetaMethods.GET_FILE_STATUS,
                GetFileStatusRequest.newBuilder().setPath("/").build()).build());
        assertFalse(ok.hasError(), ok.getError().getMessage());
    }

    @Test
    void aClientThatOptsIntoFollowerReadsSeesItsOwnWritesOnAFollower() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        int leader = cluster.leaderIndex();
        int follower = (leader + 1) % 3;
        try (HydraFileSystem writer = HydraFileSystem.connect(ClientOptions.builder()
                .metaAddresses(List.of(cluster.meta(leader).rpcAddress()))
                .followerReads(true).build())) {
            writer.mkdirs("/fresh");
            long seen = writer.meta().highestAppliedIndex();
            RpcResponse r = send(channelTo(cluster.meta(follower)), call(1, MetaMethods.GET_FILE_STATUS,
                    GetFileStatusRequest.newBuilder().setPath("/fresh").build())
                    .setFollowerReadOk(true).setMinAppliedIndex(seen).build());
            if (r.hasError()) {
                // the follower has not applied the write yet: it must refuse, never answer stale
                assertEquals(ErrorCode.NOT_LEADER.number(), r.getError().getCode());
                await().atMost(Duration.ofSeconds(10)).until(() -> cluster.meta(follower).appliedIndex() >= seen);
                r = send(channelTo(cluster.meta(follower)), call(2, MetaMethods.GET_FILE_STATUS,
                        GetFileStatusRequest.newBuilder().setPath("/fresh").build())
                        .setFollowerReadOk(true).setMinAppliedIndex(seen).build());
            }
            assertFalse(r.hasError(), r.getError().getMessage());
            assertTrue(r.getAppliedIndex() >= seen);
        }
    }

    @Test
    void aWriterThatStopsRenewingLosesItsLeaseAndItsFileIsClosed() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3)
                .config(MetaNodeConfig.LEASE_HARD_LIMIT_MS.name(), "1500").start();
        NettyRpcClient leader = channelTo(cluster.meta(cluster.leaderIndex()));
        RpcResponse created = send(leader, call(1, MetaMethods.CREATE, CreateRequest.newBuilder()
                .setPath("/abandoned").setClientName("vanished-writer").setCreateParent(true).build()).build());
        assertFalse(created.hasError());
        HydraFileSystem fs = cluster.newClient();
        assertTrue(fs.getFileStatus("/abandoned").underConstruction());

        await().atMost(Duration.ofSeconds(20)).until(() -> !fs.getFileStatus("/abandoned").underConstruction());
    }

    @Test
    void withoutAMajorityCallsFailWithNoLeaderInBoundedTime() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        int leader = cluster.leaderIndex();
        cluster.stopMeta((leader + 1) % 3);
        cluster.stopMeta((leader + 2) % 3);
        try (HydraFileSystem fs = HydraFileSystem.connect(ClientOptions.builder()
                .metaAddresses(List.of(cluster.metaAddresses().split(",")))
                .failoverTimeoutMs(3_000).rpcTimeoutMs(1_000).build())) {
            long start = System.nanoTime();
            io.hydrafs.protocol.error.HydraException e = org.junit.jupiter.api.Assertions.assertThrows(
                    io.hydrafs.protocol.error.HydraException.class, () -> fs.mkdirs("/no-quorum"));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(ErrorCode.NO_LEADER, e.code(), e.getMessage());
            assertTrue(tookMs < 15_000, "gave up only after " + tookMs + " ms");
        }
    }

    @Test
    void metricsCountOperationsAndExposeRaftState() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        HydraFileSystem fs = cluster.newClient();
        for (int i = 0; i < 5; i++) {
            fs.mkdirs("/m/d" + i);
        }
        MetaNode leader = cluster.meta(cluster.leaderIndex());
        assertTrue(leader.metrics().timer("rpc.server." + MetaMethods.MKDIRS).getCount() >= 5);
        assertEquals(1, ((Gauge<?>) leader.metrics().getGauges().get("meta.raft.is.leader")).getValue());
        assertTrue((Long) leader.metrics().getGauges().get("meta.raft.term").getValue() >= 1);
        assertTrue((Long) leader.metrics().getGauges().get("meta.raft.applied.index").getValue() >= 5);
    }

    @Test
    void aFollowerKeepsCoordinationReadsLinearizableEvenForAClientThatAcceptsFollowerReads() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        int leader = cluster.leaderIndex();

        RpcResponse r = followerRead(cluster.meta((leader + 1) % 3), MetaMethods.COORD_GET,
                CoordGetRequest.newBuilder().setKey("jobs/coordinator").build(), 0);

        assertEquals(ErrorCode.NOT_LEADER.number(), r.getError().getCode(), r.getError().getMessage());
        assertEquals(cluster.meta(leader).rpcAddress(), r.getError().getLeaderHint());
    }

    @Test
    void aFollowerSendsBlockLocationReadsOfAFileBeingWrittenToTheLeader() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        int leader = cluster.leaderIndex();
        MetaNode follower = cluster.meta((leader + 1) % 3);
        NettyRpcClient toLeader = channelTo(cluster.meta(leader));
        createEmptyFile(toLeader, "/closed", true);
        long applied = createEmptyFile(toLeader, "/open", false);
        await().atMost(Duration.ofSeconds(10)).until(() -> follower.appliedIndex() >= applied);
        // the follower serves a closed file once it knows the data path
        await().atMost(Duration.ofSeconds(20)).until(() -> !followerRead(follower, MetaMethods.GET_BLOCK_LOCATIONS,
                GetBlockLocationsRequest.newBuilder().setPath("/closed").build(), applied).hasError());

        RpcResponse open = followerRead(follower, MetaMethods.GET_BLOCK_LOCATIONS,
                GetBlockLocationsRequest.newBuilder().setPath("/open").build(), applied);

        assertEquals(ErrorCode.NOT_LEADER.number(), open.getError().getCode(), open.getError().getMessage());
        assertEquals(cluster.meta(leader).rpcAddress(), open.getError().getLeaderHint());
    }

    @Test
    void aFollowerStillCollectingBlockReportsSendsBlockLocationReadsToTheLeader() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3)
                .config(BlockManagementConfigKeys.READY_DELAY_MS.name(), "3600000").start();
        int leader = cluster.leaderIndex();
        MetaNode follower = cluster.meta((leader + 1) % 3);
        long applied = createEmptyFile(channelTo(cluster.meta(leader)), "/closed", true);
        await().atMost(Duration.ofSeconds(10)).until(() -> follower.appliedIndex() >= applied);

        RpcResponse r = followerRead(follower, MetaMethods.GET_BLOCK_LOCATIONS,
                GetBlockLocationsRequest.newBuilder().setPath("/closed").build(), applied);

        assertEquals(ErrorCode.NOT_LEADER.number(), r.getError().getCode(), r.getError().getMessage());
    }

    @Test
    void aContentSummaryHoldingItsThreadDelaysNoOtherReadAndItsQueueIsBounded() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        MetaNode leader = cluster.meta(cluster.leaderIndex());
        NettyRpcClient c = channelTo(leader);
        GetContentSummaryRequest du = GetContentSummaryRequest.newBuilder().setPath("/").build();
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<RpcResponse>> waiting = new ArrayList<>();
        leader.summaryExecutorForTests().execute(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            for (int i = 0; i < MetaService.MAX_WAITING_SUMMARIES; i++) {
                waiting.add(c.call(call(nextCallId(), MetaMethods.GET_CONTENT_SUMMARY, du).build()));
            }
            RpcResponse stat = send(c, call(nextCallId(), MetaMethods.GET_FILE_STATUS,
                    GetFileStatusRequest.newBuilder().setPath("/").build()).build());
            RpcResponse refused = send(c, call(nextCallId(), MetaMethods.GET_CONTENT_SUMMARY, du).build());

            assertFalse(stat.hasError(), "a stat does not wait for the summaries' thread: " + stat.getError().getMessage());
            assertEquals(ErrorCode.NOT_READY.number(), refused.getError().getCode(), refused.getError().getMessage());
            assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone), "the admitted summaries wait for their thread");
        } finally {
            release.countDown();
        }
        for (CompletableFuture<RpcResponse> w : waiting) {
            RpcResponse answer = w.get(30, TimeUnit.SECONDS);
            assertFalse(answer.hasError(), answer.getError().getMessage());
        }
        RpcResponse again = send(c, call(nextCallId(), MetaMethods.GET_CONTENT_SUMMARY, du).build());
        assertFalse(again.hasError(), "answered summaries free their slots: " + again.getError().getMessage());
    }

    /** Creates an empty file through the leader, closing it if asked; returns the answer's applied index. */
    private static long createEmptyFile(NettyRpcClient leader, String path, boolean close) throws Exception {
        RpcResponse created = send(leader, call(nextCallId(), MetaMethods.CREATE, CreateRequest.newBuilder()
                .setPath(path).setClientName("writer").setCreateParent(true).build()).build());
        assertFalse(created.hasError(), created.getError().getMessage());
        if (!close) {
            return created.getAppliedIndex();
        }
        RpcResponse completed = send(leader, call(nextCallId(), MetaMethods.COMPLETE, CompleteRequest.newBuilder()
                .setPath(path).setClientName("writer").build()).build());
        assertFalse(completed.hasError(), completed.getError().getMessage());
        return completed.getAppliedIndex();
    }

    private RpcResponse followerRead(MetaNode node, String method, com.google.protobuf.Message request,
                                     long minAppliedIndex) throws Exception {
        return send(channelTo(node), call(nextCallId(), method, request)
                .setFollowerReadOk(true).setMinAppliedIndex(minAppliedIndex).build());
    }

    private static final AtomicLong CALL_IDS = new AtomicLong(1_000);

    private static long nextCallId() {
        return CALL_IDS.incrementAndGet();
    }
}
