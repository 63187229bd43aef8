package io.hydrafs.protocol.net;

import com.google.protobuf.Message;

import java.util.concurrent.CompletableFuture;

/**
 * Serves one RPC method. It must not block the I/O thread: slow work completes the future
 * later from another thread. A future that fails with a HydraException becomes an RpcError
 * with that code; any other failure becomes INTERNAL (logged on the server), and the server
 * goes on serving.
 */
@FunctionalInterface
public interface RpcHandler {
    CompletableFuture<? extends Message> handle(RpcCall call);
}
