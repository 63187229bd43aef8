package io.hydrafs.client.meta;

import io.hydrafs.client.fake.FakeMetaCluster;
import io.hydrafs.client.fake.FakeMetaCluster.Mode;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import io.hydrafs.protocol.meta.ClusterStatusResponse;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.GetFileStatusRequest;
import io.hydrafs.protocol.meta.GetFileStatusResponse;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.MkdirsRequest;
import io.hydrafs.protocol.meta.MkdirsResponse;
import io.hydrafs.protocol.rpc.RpcRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.hydrafs.client.fake.FakeMetaCluster.ADDRESSES;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaClientTest {
    private static final String META1 = ADDRESSES.get(0);
    private static final String META2 = ADDRESSES.get(1);
    private static final String META3 = ADDRESSES.get(2);

    private final FakeMetaCluster cluster = new FakeMetaCluster();
    private final List<MetaClient> clients = new ArrayList<>();

    MetaClientTest() {
        cluster.respond(MetaMethods.MKDIRS, MkdirsResponse.newBuilder().setCreated(true).build());
        cluster.respond(MetaMethods.GET_FILE_STATUS, GetFileStatusResponse.newBuilder()
                .setStatus(FileStatusProto.newBuilder().setPath("/f")).build());
        cluster.handle(MetaMethods.CLUSTER_STATUS, (address, request) ->
                ClusterStatusResponse.newBuilder().setNodeId(address).build());
    }

    @AfterEach
    void closeClients() {
        clients.forEach(MetaClient::close);
    }

    private MetaClient client(MetaClientConfig config) {
        MetaClient client = new MetaClient(config, cluster);
        clients.add(client);
        return client;
    }

    private MetaClient client() {
        return client(cluster.metaConfig());
    }

    private static void mkdir(MetaClient client) throws HydraException {
        client.mkdirs("/d", 0755);
    }

    @Test
    void followsANotLeaderHintInOneHop() throws Exception {
        cluster.setLeader(META3);
        MetaClient client = client();

        mkdir(client);

        assertEquals(1, cluster.received(META1).size());
        assertEquals(0, cluster.received(META2).size());
        assertEquals(1, cluster.servedCount(META3));
        assertEquals(META3, client.leaderGuess());
    }

    @Test
    void laterCallsGoStraightToTheLastKnownLeader() throws Exception {
        cluster.setLeader(META2);
        MetaClient client = client();
        mkdir(client);

        mkdir(client);

        assertEquals(1, cluster.received(META1).size(), "only the first call went to meta1");
        assertEquals(2, cluster.servedCount(META2));
    }

    @Test
    void aLateAnswerFromTheOldLeaderDoesNotOverwriteANewerLeaderGuess() throws Exception {
        cluster.setLeader(META1);
        MetaClient client = client(cluster.metaConfig(10_000, false));
        mkdir(client);
        CountDownLatch slowCallArrived = new CountDownLatch(1);
        CountDownLatch releaseSlowCall = new CountDownLatch(1);
        cluster.handle(MetaMethods.MKDIRS, (address, request) -> {
            if (FakeMetaCluster.payload(request, MkdirsRequest.parser()).getPath().equals("/slow")) {
                slowCallArrived.countDown();
                try {
                    releaseSlowCall.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return MkdirsResponse.newBuilder().setCreated(true).build();
        });
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> {
            try {
                client.mkdirs("/slow", 0755);
            } catch (HydraException e) {
                throw new CompletionException(e);
            }
        });
        assertTrue(slowCallArrived.await(10, TimeUnit.SECONDS));

        cluster.setLeader(META2);
        mkdir(client);                  // fails over to meta2, the new guess
        releaseSlowCall.countDown();    // meta1 answers the call it took while it led
        slow.get(10, TimeUnit.SECONDS);

        assertEquals(META2, client.leaderGuess());
    }

    @Test
    void rotatesThroughAddressesOnConnectionFailures() throws Exception {
        cluster.setLeader(META3);
        cluster.setMode(META1, Mode.REFUSING);
        cluster.setMode(META2, Mode.RESETTING);
        MetaClient client = client();

        mkdir(client);

        assertEquals(1, cluster.opens(META1));
        assertEquals(List.of(1), cluster.received(META2).stream().map(RpcRequest::getAttempt).toList());
        assertEquals(2, cluster.served(MetaMethods.MKDIRS).get(0).request().getAttempt());
    }

    @Test
    void rotatesPastNodesThatTimeOutOrNeverAnswer() throws Exception {
        cluster.setLeader(META3);
        cluster.setMode(META1, Mode.TIMING_OUT);
        cluster.setMode(META2, Mode.SILENT);
        MetaClient client = client();

        mkdir(client);

        assertEquals(1, cluster.servedCount(META3));
    }

    @Test
    void rotatesWhenTheLeaderIsUnknownAndAsksANodeThatIsNotReadyAgainFirst() throws Exception {
        cluster.setLeader(META3);
        cluster.setLeaderHints(false);
        cluster.injectError(META2, ErrorCode.NOT_READY);
        MetaClient client = client();

        mkdir(client);

        // META1 names no leader: the next node. META2 is not ready (as a busy or newly elected
        // leader says): asked again once per address, then the call moves on.
        assertEquals(List.of(META1, META2, META2, META2, META2, META3),
                cluster.received().stream().map(FakeMetaCluster.Received::address).toList());
    }

    @Test
    void aBrokenChannelIsReplacedByANewConnection() throws Exception {
        cluster.setLeader(META1);
        MetaClient client = client();
        mkdir(client);
        cluster.setMode(META1, Mode.RESETTING);
        cluster.setLeader(META2);
        mkdir(client);  // meta1 resets the connection, meta2 answers

        cluster.setMode(META1, Mode.UP);
        cluster.setLeader(META1);
        mkdir(client);

        assertEquals(2, cluster.opens(META1), "the first connection, then a fresh one after the reset");
        assertEquals(2, cluster.servedCount(META1));
    }

    @Test
    void everyRetryCarriesTheSameCallIdAndClientIdWithAGrowingAttempt() throws Exception {
        cluster.setLeader(META3);
        cluster.setMode(META1, Mode.RESETTING);
        cluster.injectError(META2, ErrorCode.SERVER_SHUTTING_DOWN);
        MetaClient client = client();

        mkdir(client);
        mkdir(client);

        List<RpcRequest> requests = cluster.received().stream().map(FakeMetaCluster.Received::request).toList();
        List<RpcRequest> first = requests.subList(0, 3);
        assertEquals(List.of(0, 1, 2), first.stream().map(RpcRequest::getAttempt).toList());
        assertEquals(1, first.stream().map(RpcRequest::getCallId).distinct().count());
        assertTrue(first.stream().allMatch(r -> r.getClientId().equals(client.clientId())));
        assertEquals(16, client.clientId().size());
        RpcRequest second = requests.get(3);
        assertTrue(second.getCallId() != first.get(0).getCallId(), "a new logical call gets a new call id");
        assertEquals("alice", second.getUser());
        assertEquals(List.of("staff"), second.getGroupsList());
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"FILE_NOT_FOUND", "PERMISSION_DENIED", "INTERNAL",
            "NOT_ENOUGH_BLOCKSTORES", "RECOVERY_IN_PROGRESS", "FRAME_TOO_LARGE"})
    void errorsThatAreNotAboutLeadershipAreThrownAtOnceWithoutRetry(ErrorCode code) {
        cluster.fail(MetaMethods.GET_FILE_STATUS, code, "/f: nope");
        MetaClient client = client();

        HydraException e = assertThrows(HydraException.class, () -> client.getFileStatus("/f"));

        assertEquals(code, e.code());
        assertEquals("/f: nope", e.detail());
        assertEquals(1, cluster.received().size());
    }

    @Test
    void givesUpWithNoLeaderNamingTheAddressesWithinTheFailoverTimeout() {
        ADDRESSES.forEach(a -> cluster.setMode(a, Mode.REFUSING));
        MetaClient client = client(cluster.metaConfig(300, false));

        long start = System.nanoTime();
        HydraException e = assertThrows(HydraException.class, () -> mkdir(client));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(ErrorCode.NO_LEADER, e.code());
        assertTrue(e.detail().startsWith("no meta leader answered within 300 ms (tried meta1:7100,meta2:7100,"
                + "meta3:7100; last error: CONNECTION_FAILED: connection refused by "), e.detail());
        assertTrue(elapsedMs >= 290 && elapsedMs < 1_500, "gave up after " + elapsedMs + " ms");
    }

    @Test
    void givesUpInBoundedTimeWhenNoNodeEverAnswers() {
        ADDRESSES.forEach(a -> cluster.setMode(a, Mode.SILENT));
        MetaClient client = client(cluster.metaConfig(300, false));

        long start = System.nanoTime();
        HydraException e = assertThrows(HydraException.class, () -> mkdir(client));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertEquals(ErrorCode.NO_LEADER, e.code());
        assertTrue(e.detail().contains("last error: TIMEOUT"), e.detail());
        assertTrue(elapsedMs < 1_500, "gave up after " + elapsedMs + " ms");
    }

    @Test
    void notLeaderNeverReachesTheCaller() {
        cluster.setLeader(null);
        MetaClient client = client(cluster.metaConfig(100, false));

        HydraException e = assertThrows(HydraException.class, () -> mkdir(client));

        assertFalse(e instanceof NotLeaderException);
        assertEquals(ErrorCode.NO_LEADER, e.code());
    }

    @Test
    void concurrentCallsDuringALeaderSwitchAllSucceed() throws Exception {
        MetaClient client = client();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                workers.add(threads.submit(() -> {
                    int calls = 0;
                    while (!stop.get()) {
                        mkdir(client);
                        calls++;
                    }
                    return calls;
                }));
            }
            await().atMost(10, TimeUnit.SECONDS).until(() -> cluster.servedCount(META1) >= 100);
            cluster.setLeader(null);  // election in progress: nobody leads
            long before = cluster.received().size();
            await().atMost(10, TimeUnit.SECONDS).until(() -> cluster.received().size() >= before + 16);
            cluster.setMode(META1, Mode.REFUSING);  // the old leader died
            cluster.setLeader(META2);
            await().atMost(10, TimeUnit.SECONDS).until(() -> cluster.servedCount(META2) >= 100);
            stop.set(true);

            int total = 0;
            for (Future<Integer> worker : workers) {
                total += worker.get(10, TimeUnit.SECONDS);  // rethrows any failed call
            }
            assertEquals(cluster.served(MetaMethods.MKDIRS).size(), total);
        } finally {
            stop.set(true);
            threads.shutdownNow();
            assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void followerReadsAskForTheHighestAppliedIndexSeen() throws Exception {
        cluster.setAppliedIndex(META1, 41);
        MetaClient client = client(cluster.metaConfig(5_000, true));
        mkdir(client);  // the leader applies it at index 42

        client.getFileStatus("/f");

        RpcRequest read = cluster.served(MetaMethods.GET_FILE_STATUS).get(0).request();
        assertTrue(read.getFollowerReadOk());
        assertEquals(42, read.getMinAppliedIndex());
        RpcRequest write = cluster.served(MetaMethods.MKDIRS).get(0).request();
        assertFalse(write.getFollowerReadOk(), "writes are never follower reads");
    }

    @Test
    void aFreshEnoughFollowerAnswersReadsWhileTheLeaderIsUnreachable() throws Exception {
        cluster.setAppliedIndex(META1, 41);
        MetaClient client = client(cluster.metaConfig(5_000, true));
        mkdir(client);
        cluster.setMode(META1, Mode.REFUSING);
        cluster.setAppliedIndex(META2, 41);  // behind this client's write: must not answer
        cluster.setAppliedIndex(META3, 42);

        client.getFileStatus("/f");

        assertEquals(META3, cluster.served(MetaMethods.GET_FILE_STATUS).get(0).address());
        assertEquals(42, client.highestAppliedIndex());
    }

    @Test
    void withoutTheFollowerReadOptionReadsAreLeaderReads() throws Exception {
        MetaClient client = client();
        mkdir(client);

        client.getFileStatus("/f");

        RpcRequest read = cluster.served(MetaMethods.GET_FILE_STATUS).get(0).request();
        assertFalse(read.getFollowerReadOk());
        assertEquals(0, read.getMinAppliedIndex());
    }

    @Test
    void clusterStatusOfOneNodeAsksOnlyThatNode() throws Exception {
        MetaClient client = client();

        ClusterStatusResponse status = client.clusterStatus(META2);

        assertEquals(META2, status.getNodeId());
        assertEquals(List.of(META2), cluster.received().stream().map(FakeMetaCluster.Received::address).toList());
    }

    @Test
    void callsAfterCloseFailWithoutContactingAnyNode() throws Exception {
        MetaClient client = client();
        mkdir(client);
        int before = cluster.received().size();

        client.close();
        HydraException e = assertThrows(HydraException.class, () -> mkdir(client));

        assertEquals(ErrorCode.IO_ERROR, e.code());
        assertEquals(before, cluster.received().size());
        assertEquals(0, cluster.openChannels());
    }

    @Test
    void callReturnsTheParsedResponseOfAnyMethod() throws Exception {
        MetaClient client = client();

        GetFileStatusResponse response = client.call(MetaMethods.GET_FILE_STATUS,
                GetFileStatusRequest.newBuilder().setPath("/f").build(), GetFileStatusResponse.parser());

        assertEquals("/f", response.getStatus().getPath());
        assertEquals("/f", cluster.lastServed(MetaMethods.GET_FILE_STATUS, GetFileStatusRequest.parser()).getPath());
    }
}
