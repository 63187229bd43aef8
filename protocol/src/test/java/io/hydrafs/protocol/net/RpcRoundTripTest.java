package io.hydrafs.protocol.net;

import com.codahale.metrics.MetricRegistry;
import com.google.protobuf.StringValue;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import static io.hydrafs.protocol.net.RpcFixture.ECHO;
import static io.hydrafs.protocol.net.RpcFixture.assertErrorCode;
import static io.hydrafs.protocol.net.RpcFixture.await;
import static io.hydrafs.protocol.net.RpcFixture.request;
import static io.hydrafs.protocol.net.RpcFixture.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls that reach the server and come back with an answer, over real sockets. */
class RpcRoundTripTest {
    private final RpcFixture fixture = new RpcFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void echoCallReturnsTheHandlersMessage() throws Exception {
        NettyRpcClient client = fixture.client(fixture.server());

        RpcResponse response = await(client.call(request(1, ECHO, "hello")));

        assertEquals(1, response.getCallId());
        assertEquals("hello", text(response));
        assertTrue(client.isActive());
    }

    @Test
    void thousandConcurrentCallsOnOneChannelAreAnsweredOutOfOrderAndCorrelated() throws Exception {
        RpcServer server = fixture.server();
        var held = new ConcurrentLinkedQueue<HeldCall>();
        server.register("test.held", call -> {
            CompletableFuture<StringValue> answer = new CompletableFuture<>();
            held.add(new HeldCall(call, answer));
            return answer;
        });
        NettyRpcClient client = fixture.client(server);
        List<CompletableFuture<RpcResponse>> futures = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            futures.add(client.call(request(i, "test.held", "payload-" + i)));
        }
        await().until(() -> held.size() == 1000);

        List<HeldCall> shuffled = new ArrayList<>(held);
        Collections.shuffle(shuffled, new Random(42));
        for (HeldCall h : shuffled) {
            h.answer.complete(StringValue.of("answer-to-" + RpcFixture.parse(h.call.payload()).getValue()));
        }

        for (int i = 1; i <= 1000; i++) {
            RpcResponse response = await(futures.get(i - 1));
            assertEquals(i, response.getCallId());
            assertEquals("answer-to-payload-" + i, text(response));
        }
    }

    private record HeldCall(RpcCall call, CompletableFuture<StringValue> answer) {
    }

    @Test
    void unknownMethodIsAnsweredUnknownMethodAndTheConnectionKeepsWorking() throws Exception {
        NettyRpcClient client = fixture.client(fixture.server());

        RpcResponse response = await(client.call(request(1, "test.nosuch", "x")));

        assertErrorCode(ErrorCode.UNKNOWN_METHOD, response);
        assertTrue(response.getError().getMessage().contains("test.nosuch"));
        assertEquals("still there", text(await(client.call(request(2, ECHO, "still there")))));
    }

    @Test
    void handlerFailingWithHydraExceptionSendsItsCodeAndMessageToTheClient() throws Exception {
        RpcServer server = fixture.server();
        server.register("test.missing", call -> CompletableFuture.failedFuture(
                new HydraException(ErrorCode.FILE_NOT_FOUND, "/a/b does not exist")));
        NettyRpcClient client = fixture.client(server);

        RpcResponse response = await(client.call(request(1, "test.missing", "")));

        assertErrorCode(ErrorCode.FILE_NOT_FOUND, response);
        HydraException rethrown = RpcErrors.toException(response.getError());
        assertEquals(ErrorCode.FILE_NOT_FOUND, rethrown.code());
        assertEquals("/a/b does not exist", rethrown.detail());
    }

    @Test
    void notLeaderAnswerCarriesTheLeaderHintToTheClient() throws Exception {
        RpcServer server = fixture.server();
        server.register("test.write", call -> CompletableFuture.failedFuture(
                new NotLeaderException("this node is a follower", "10.0.0.2:7000")));
        NettyRpcClient client = fixture.client(server);

        RpcResponse response = await(client.call(request(1, "test.write", "")));

        assertErrorCode(ErrorCode.NOT_LEADER, response);
        NotLeaderException rethrown = assertInstanceOf(NotLeaderException.class,
                RpcErrors.toException(response.getError()));
        assertEquals("10.0.0.2:7000", rethrown.leaderHint());
    }

    @Test
    void handlerBugsAreAnsweredInternalAndTheServerKeepsServing() throws Exception {
        RpcServer server = fixture.server();
        server.register("test.throws", call -> {
            throw new IllegalStateException("handler bug");
        });
        server.register("test.fails", call -> CompletableFuture.failedFuture(new RuntimeException("async bug")));
        NettyRpcClient client = fixture.client(server);

        assertErrorCode(ErrorCode.INTERNAL, await(client.call(request(1, "test.throws", ""))));
        assertErrorCode(ErrorCode.INTERNAL, await(client.call(request(2, "test.fails", ""))));

        assertEquals("alive", text(await(client.call(request(3, ECHO, "alive")))));
        assertEquals("new", text(await(fixture.client(server).call(request(1, ECHO, "new")))));
    }

    @Test
    void methodRegisteredAfterStartIsServed() throws Exception {
        RpcServer server = fixture.server();
        NettyRpcClient client = fixture.client(server);
        assertErrorCode(ErrorCode.UNKNOWN_METHOD, await(client.call(request(1, "test.late", ""))));

        server.register("test.late", call -> CompletableFuture.completedFuture(StringValue.of("here now")));

        assertEquals("here now", text(await(client.call(request(2, "test.late", "")))));
    }

    @Test
    void everyResponseCarriesTheServersAppliedIndex() throws Exception {
        AtomicLong applied = new AtomicLong(41);
        NettyRpcClient client = fixture.client(fixture.server(
                RpcServerOptions.defaults().withAppliedIndex(applied::get)));

        assertEquals(41, await(client.call(request(1, ECHO, ""))).getAppliedIndex());
        applied.set(42);
        assertEquals(42, await(client.call(request(2, "test.nosuch", ""))).getAppliedIndex());
    }

    @Test
    void serverRecordsCallsPerMethodAndErrorsPerCode() throws Exception {
        MetricRegistry metrics = new MetricRegistry();
        NettyRpcClient client = fixture.client(fixture.server(RpcServerOptions.defaults().withMetrics(metrics)));

        await(client.call(request(1, ECHO, "")));
        await(client.call(request(2, ECHO, "")));
        await(client.call(request(3, "test.nosuch", "")));

        assertEquals(2, metrics.timer(RpcMetrics.timerName(ECHO)).getCount());
        assertEquals(1, metrics.meter(RpcMetrics.errorMeterName(ErrorCode.UNKNOWN_METHOD)).getCount());
        assertTrue(metrics.getTimers().keySet().stream().noneMatch(name -> name.contains("nosuch")));
    }

    @Test
    void handlersRunOnTheConfiguredExecutor() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-handler"));
        try {
            RpcServer server = fixture.server(RpcServerOptions.defaults().withHandlerExecutor(executor));
            server.register("test.thread", call ->
                    CompletableFuture.completedFuture(StringValue.of(Thread.currentThread().getName())));

            RpcResponse response = await(fixture.client(server).call(request(1, "test.thread", "")));

            assertEquals("test-handler", text(response));
        } finally {
            fixture.close();
            executor.shutdownNow();
        }
    }

    @Test
    void clientsSharingEventLoopsWorkIndependentlyOfEachOther() throws Exception {
        RpcServer server = fixture.server();
        NettyRpcClient first = fixture.client(server);
        NettyRpcClient second = fixture.client(server);
        await(first.call(request(1, ECHO, "")));

        first.close();

        assertEquals("second", text(await(second.call(request(1, ECHO, "second")))));
        assertTrue(second.isActive());
    }

    @Test
    void serverAndClientWithPrivateEventLoopsReleaseTheirThreadsOnClose() throws Exception {
        RpcServer server = new RpcServer("127.0.0.1", 0, RpcServerOptions.defaults());
        NettyRpcClient client = null;
        try {
            server.register(ECHO, call -> CompletableFuture.completedFuture(RpcFixture.parse(call.payload())));
            server.start();
            client = new NettyRpcClient("127.0.0.1", server.port(), RpcClientOptions.defaults());
            assertEquals("own", text(await(client.call(request(1, ECHO, "own")))));
        } finally {
            if (client != null) {
                client.close();
            }
            server.close();
        }

        // termination is signalled just before a loop thread returns, so its end is awaited
        await().atMost(Duration.ofSeconds(5)).until(() -> Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .noneMatch(name -> name.startsWith("rpc-server-") || name.startsWith("rpc-client-")));
    }

    @Test
    void serverCallSeesWhoCallsAndTheReadTerms() throws Exception {
        RpcServer server = fixture.server();
        var seen = new CompletableFuture<RpcCall>();
        server.register("test.who", call -> {
            seen.complete(call);
            return CompletableFuture.completedFuture(StringValue.getDefaultInstance());
        });
        RpcRequest request = request(7, "test.who", "").toBuilder().addGroups("staff").setAttempt(2)
                .setFollowerReadOk(true).setMinAppliedIndex(99).build();

        await(fixture.client(server).call(request));

        RpcCall call = await(seen);
        assertEquals(7, call.callId());
        assertEquals("tester", call.user());
        assertEquals(List.of("staff"), call.groups());
        assertTrue(call.followerReadOk());
        assertEquals(99, call.minAppliedIndex());
        assertEquals(2, call.attempt());
        assertTrue(call.remoteAddress().startsWith("127.0.0.1:"), call.remoteAddress());
    }
}
