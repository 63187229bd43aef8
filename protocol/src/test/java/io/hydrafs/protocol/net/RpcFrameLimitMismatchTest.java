package io.hydrafs.protocol.net;

import com.google.protobuf.StringValue;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.hydrafs.protocol.net.RpcFixture.ECHO;
import static io.hydrafs.protocol.net.RpcFixture.assertErrorCode;
import static io.hydrafs.protocol.net.RpcFixture.await;
import static io.hydrafs.protocol.net.RpcFixture.awaitFailure;
import static io.hydrafs.protocol.net.RpcFixture.request;
import static io.hydrafs.protocol.net.RpcFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client and a server configured with different frame limits: only the call whose frame
 * crosses the smaller limit fails, with FRAME_TOO_LARGE (which callers do not retry), never
 * the connection-level CONNECTION_FAILED that would send a client failing over between nodes.
 */
class RpcFrameLimitMismatchTest {
    private static final int SMALL_LIMIT = 1024;
    private static final String OVER_SMALL_LIMIT = "x".repeat(2 * SMALL_LIMIT);
    private static final String COUNTED = "test.counted";
    private static final String BIG_ANSWER = "test.big";

    private final RpcFixture fixture = new RpcFixture();
    private final AtomicInteger countedCalls = new AtomicInteger();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private RpcServer server(int maxFrameBytes) throws HydraException {
        RpcServer server = fixture.server(RpcServerOptions.defaults().withMaxFrameBytes(maxFrameBytes));
        server.register(COUNTED, call -> {
            countedCalls.incrementAndGet();
            return CompletableFuture.completedFuture(StringValue.of("ran"));
        });
        server.register(BIG_ANSWER, call -> CompletableFuture.completedFuture(StringValue.of(OVER_SMALL_LIMIT)));
        return server;
    }

    @Test
    void requestOverTheServersSmallerLimitFailsWithFrameTooLargeWithoutRunning() throws Exception {
        RpcServer server = server(SMALL_LIMIT);
        NettyRpcClient client = fixture.client(server); // the default limit, far above the server's

        RpcResponse response = await(client.call(request(1, COUNTED, OVER_SMALL_LIMIT)));

        assertErrorCode(ErrorCode.FRAME_TOO_LARGE, response);
        assertEquals(0, countedCalls.get());
    }

    @Test
    void connectionServesTheCallsAfterARequestOverTheServersLimit() throws Exception {
        RpcServer server = server(SMALL_LIMIT);
        NettyRpcClient client = fixture.client(server);

        CompletableFuture<RpcResponse> oversized = client.call(request(1, COUNTED, OVER_SMALL_LIMIT));
        CompletableFuture<RpcResponse> rightBehind = client.call(request(2, ECHO, "behind"));

        assertErrorCode(ErrorCode.FRAME_TOO_LARGE, await(oversized));
        assertEquals("behind", text(await(rightBehind)));
        assertTrue(client.isActive());
        assertEquals("later", text(await(client.call(request(3, ECHO, "later")))));
    }

    @Test
    void serverKeepsServingOtherClientsAfterARequestOverItsLimit() throws Exception {
        RpcServer server = server(SMALL_LIMIT);
        NettyRpcClient other = fixture.client(server);
        assertEquals("before", text(await(other.call(request(1, ECHO, "before")))));

        assertErrorCode(ErrorCode.FRAME_TOO_LARGE,
                await(fixture.client(server).call(request(1, COUNTED, OVER_SMALL_LIMIT))));

        assertEquals("after", text(await(other.call(request(2, ECHO, "after")))));
        assertEquals("new", text(await(fixture.client(server).call(request(1, ECHO, "new")))));
    }

    @Test
    void answerOverTheClientsSmallerLimitFailsThatCallWithFrameTooLarge() throws Exception {
        RpcServer server = server(RpcConfigKeys.MAX_FRAME_BYTES.defaultValue());
        NettyRpcClient client = fixture.client(server.port(),
                RpcClientOptions.defaults().withMaxFrameBytes(SMALL_LIMIT));

        awaitFailure(client.call(request(1, BIG_ANSWER, "")), ErrorCode.FRAME_TOO_LARGE);

        assertTrue(client.isActive());
        assertEquals("after", text(await(client.call(request(2, ECHO, "after")))));
    }
}
