package io.hydrafs.protocol.net;

import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;

import java.util.concurrent.CompletableFuture;

/**
 * A client's connection to one server. Many calls may be outstanding at once; responses are
 * matched to requests by call id, so they may complete in any order.
 *
 * <p>Contract: the future completes with the server's {@link RpcResponse} (which may carry an
 * {@code RpcError}: that is the server's answer, not a transport failure), or exceptionally
 * with a {@link io.hydrafs.protocol.error.HydraException} of code CONNECTION_FAILED (could
 * not connect, or the connection broke before the answer came: the call may or may not have
 * run) or TIMEOUT (no answer in time: same uncertainty). It does not retry; retrying is the
 * caller's policy. After {@link #close()} every outstanding call fails with CONNECTION_FAILED.
 */
public interface RpcChannel extends AutoCloseable {
    CompletableFuture<RpcResponse> call(RpcRequest request);

    /** host:port of the server this channel talks to. */
    String remoteAddress();

    /** False once the connection is known to be broken or closed. */
    boolean isActive();

    @Override
    void close();
}
