package io.hydrafs.protocol.net;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.StringValue;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Servers and clients on 127.0.0.1 sharing one small event loop group; {@link #close()}
 * closes everything it made, newest first, then the group. One per test.
 */
final class RpcFixture implements AutoCloseable {
    static final String ECHO = "test.echo";
    static final long WAIT_SECONDS = 10;

    final RpcEventLoops loops = new RpcEventLoops("test-rpc", 2);
    private final Deque<Runnable> closers = new ArrayDeque<>();

    /** A started server with {@link #ECHO} registered, on shared loops. */
    RpcServer server(RpcServerOptions options) throws HydraException {
        RpcServer server = new RpcServer("127.0.0.1", 0, options.withEventLoops(loops));
        closers.push(server::close);
        server.register(ECHO, call -> CompletableFuture.completedFuture(parse(call.payload())));
        server.start();
        return server;
    }

    RpcServer server() throws HydraException {
        return server(RpcServerOptions.defaults());
    }

    NettyRpcClient client(int port, RpcClientOptions options) {
        NettyRpcClient client = new NettyRpcClient("127.0.0.1", port, options.withEventLoops(loops));
        closers.push(client::close);
        return client;
    }

    NettyRpcClient client(RpcServer server) {
        return client(server.port(), RpcClientOptions.defaults());
    }

    static RpcRequest request(long callId, String method, String text) {
        return RpcRequest.newBuilder().setCallId(callId).setMethod(method).setUser("tester")
                .setPayload(StringValue.of(text).toByteString()).build();
    }

    static StringValue parse(ByteString payload) {
        try {
            return StringValue.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static String text(RpcResponse response) {
        assertTrue(!response.hasError(), () -> "unexpected error " + response.getError());
        return parse(response.getPayload()).getValue();
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** The HydraException the future fails with (within the wait), asserting its code. */
    static HydraException awaitFailure(CompletableFuture<?> future, ErrorCode expected) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.get(WAIT_SECONDS, TimeUnit.SECONDS));
        HydraException failure = assertInstanceOf(HydraException.class, e.getCause());
        assertEquals(expected, failure.code(), failure.getMessage());
        return failure;
    }

    static void assertErrorCode(ErrorCode expected, RpcResponse response) {
        assertTrue(response.hasError(), () -> "expected " + expected + ", got a payload");
        assertEquals(expected, ErrorCode.fromNumber(response.getError().getCode()), response.getError().getMessage());
    }

    static <M extends Message> CompletableFuture<M> never() {
        return new CompletableFuture<>();
    }

    @Override
    public void close() {
        while (!closers.isEmpty()) {
            closers.pop().run();
        }
        loops.close();
    }
}
