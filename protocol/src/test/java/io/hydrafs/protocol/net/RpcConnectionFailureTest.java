package io.hydrafs.protocol.net;

import com.google.protobuf.StringValue;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hydrafs.protocol.net.RpcFixture.ECHO;
import static io.hydrafs.protocol.net.RpcFixture.assertErrorCode;
import static io.hydrafs.protocol.net.RpcFixture.await;
import static io.hydrafs.protocol.net.RpcFixture.awaitFailure;
import static io.hydrafs.protocol.net.RpcFixture.request;
import static io.hydrafs.protocol.net.RpcFixture.text;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Calls that end without the handler's answer: broken connections, timeouts, frame limits. */
class RpcConnectionFailureTest {
    private static final String HANG = "test.hang";

    private final RpcFixture fixture = new RpcFixture();
    private final AtomicInteger hanging = new AtomicInteger();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private RpcServer serverWithHangingMethod(RpcServerOptions options) throws HydraException {
        RpcServer server = fixture.server(options);
        server.register(HANG, call -> {
            hanging.incrementAndGet();
            return RpcFixture.never();
        });
        return server;
    }

    @Test
    void serverClosedMidCallFailsTheCallWithConnectionFailedPromptly() throws Exception {
        RpcServer server = serverWithHangingMethod(RpcServerOptions.defaults());
        NettyRpcClient client = fixture.client(server); // default 30 s call timeout
        CompletableFuture<RpcResponse> call = client.call(request(1, HANG, ""));
        await().until(() -> hanging.get() == 1);

        server.close();

        awaitFailure(call, ErrorCode.CONNECTION_FAILED);
        assertFalse(client.isActive());
        awaitFailure(client.call(request(2, ECHO, "")), ErrorCode.CONNECTION_FAILED);
    }

    @Test
    void connectingToAClosedPortFailsCallsWithConnectionFailed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        NettyRpcClient client = fixture.client(closedPort, RpcClientOptions.defaults());

        awaitFailure(client.call(request(1, ECHO, "")), ErrorCode.CONNECTION_FAILED);

        assertFalse(client.isActive());
        assertEquals("127.0.0.1:" + closedPort, client.remoteAddress());
    }

    /**
     * A listener whose accept queue is full drops the client's SYN, so the connect completes
     * only when the kernel sends it again (about a second later) after the queue was drained.
     */
    @Test
    void aCallThatTimedOutWhileConnectingIsNeverSent() throws Exception {
        java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 1, loopback);
             java.net.Socket queued1 = new java.net.Socket(loopback, listener.getLocalPort());
             java.net.Socket queued2 = new java.net.Socket(loopback, listener.getLocalPort())) {
            NettyRpcClient client = fixture.client(listener.getLocalPort(),
                    RpcClientOptions.defaults().withCallTimeoutMs(200).withConnectTimeoutMs(10_000));
            CompletableFuture<RpcResponse> call = client.call(request(1, ECHO, "too late"));
            awaitFailure(call, ErrorCode.TIMEOUT);

            listener.setSoTimeout(10_000);
            listener.accept().close();
            listener.accept().close();
            try (java.net.Socket fromClient = listener.accept()) {
                await().atMost(java.time.Duration.ofSeconds(10)).until(client::isActive);
                fromClient.setSoTimeout(1_000);
                int firstByte;
                try {
                    firstByte = fromClient.getInputStream().read();
                } catch (java.net.SocketTimeoutException quiet) {
                    firstByte = -1;
                }
                assertEquals(-1, firstByte, "the timed-out call reached the server once the connection opened");
            }
        }
    }

    @Test
    void callWithoutAnswerTimesOutAndTheConnectionStaysUsable() throws Exception {
        RpcServer server = serverWithHangingMethod(RpcServerOptions.defaults());
        NettyRpcClient client = fixture.client(server.port(), RpcClientOptions.defaults().withCallTimeoutMs(200));

        awaitFailure(client.call(request(1, HANG, "")), ErrorCode.TIMEOUT);

        assertTrue(client.isActive());
        assertEquals("after", text(await(client.call(request(2, ECHO, "after")))));
    }

    @Test
    void closingTheClientFailsOutstandingCallsWithConnectionFailed() throws Exception {
        RpcServer server = serverWithHangingMethod(RpcServerOptions.defaults());
        NettyRpcClient client = fixture.client(server);
        CompletableFuture<RpcResponse> call = client.call(request(1, HANG, ""));

        client.close();

        awaitFailure(call, ErrorCode.CONNECTION_FAILED);
        assertFalse(client.isActive());
        assertEquals("server", text(await(fixture.client(server).call(request(1, ECHO, "server")))));
    }

    @Test
    void requestOverTheClientsFrameLimitFailsWithoutBeingSent() throws Exception {
        RpcServer server = fixture.server();
        NettyRpcClient client = fixture.client(server.port(), RpcClientOptions.defaults().withMaxFrameBytes(1024));

        awaitFailure(client.call(request(1, ECHO, "x".repeat(2000))), ErrorCode.FRAME_TOO_LARGE);

        assertTrue(client.isActive());
        assertEquals("small", text(await(client.call(request(2, ECHO, "small")))));
    }

    @Test
    void responseOverTheServersFrameLimitIsAnsweredFrameTooLarge() throws Exception {
        RpcServer server = fixture.server(RpcServerOptions.defaults().withMaxFrameBytes(1024));
        server.register("test.big", call -> CompletableFuture.completedFuture(StringValue.of("y".repeat(2000))));
        NettyRpcClient client = fixture.client(server);

        assertErrorCode(ErrorCode.FRAME_TOO_LARGE, await(client.call(request(1, "test.big", ""))));

        assertTrue(client.isActive());
    }

    @Test
    void startingOnAPortInUseFailsWithIoError() throws Exception {
        RpcServer first = fixture.server();
        RpcServer second = new RpcServer("127.0.0.1", first.port(),
                RpcServerOptions.defaults().withEventLoops(fixture.loops));
        try {
            HydraException failure = assertThrows(HydraException.class, second::start);
            assertEquals(ErrorCode.IO_ERROR, failure.code());
        } finally {
            second.close();
        }
    }

    @Test
    void serverCloseIsIdempotentAndAllowedBeforeStart() {
        RpcServer neverStarted = new RpcServer("127.0.0.1", 0, RpcServerOptions.defaults());
        neverStarted.close();
        neverStarted.close();

        assertThrows(IllegalStateException.class, neverStarted::start);
    }
}
