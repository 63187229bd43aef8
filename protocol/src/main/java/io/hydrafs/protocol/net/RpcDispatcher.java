package io.hydrafs.protocol.net;

import com.google.protobuf.Message;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.rpc.RpcError;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * The server's transport-free core: turns one {@link RpcCall} into exactly one
 * {@link RpcResponse}, whatever the handler does. The returned future never fails: every
 * outcome is an answer (an unknown method, a HydraException, a bug in the handler, a response
 * too large to send, a server shutting down), because a call the server drops silently would
 * leave its client waiting for the full timeout.
 *
 * <p>A handler's {@link HydraException} is an expected failure and crosses the wire with its
 * code; any other throwable is a bug, logged here with its stack and answered INTERNAL. Every
 * response is stamped with the applied index read when it is built, if a supplier is given.
 */
final class RpcDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(RpcDispatcher.class);

    private final Map<String, RpcHandler> handlers = new ConcurrentHashMap<>();
    private final int maxFrameBytes;
    private final RpcMetrics metrics;
    private final LongSupplier appliedIndex;
    private final Executor handlerExecutor;
    private volatile boolean shuttingDown;

    /** {@code appliedIndex} and {@code handlerExecutor} may be null (none; run handlers in the caller). */
    RpcDispatcher(int maxFrameBytes, RpcMetrics metrics, LongSupplier appliedIndex, Executor handlerExecutor) {
        this.maxFrameBytes = maxFrameBytes;
        this.metrics = metrics;
        this.appliedIndex = appliedIndex;
        this.handlerExecutor = handlerExecutor;
    }

    void register(String method, RpcHandler handler) {
        Invariants.check(method != null && !method.isEmpty(), "an RPC method needs a name");
        Invariants.check(handler != null, "method %s needs a handler", method);
        RpcHandler previous = handlers.putIfAbsent(method, handler);
        Invariants.check(previous == null, "method %s registered twice", method);
    }

    /** From now on calls are answered SERVER_SHUTTING_DOWN without running a handler. */
    void shutDown() {
        shuttingDown = true;
    }

    CompletableFuture<RpcResponse> dispatch(RpcCall call) {
        if (shuttingDown) {
            return CompletableFuture.completedFuture(
                    errorResponse(call.callId(), ErrorCode.SERVER_SHUTTING_DOWN, "server is shutting down"));
        }
        RpcHandler handler = handlers.get(call.method());
        if (handler == null) {
            return CompletableFuture.completedFuture(
                    errorResponse(call.callId(), ErrorCode.UNKNOWN_METHOD, "unknown method '" + call.method() + "'"));
        }
        long start = metrics.callStarted();
        return invoke(handler, call).handle((message, failure) -> {
            metrics.callEnded(call.method(), start);
            return failure == null ? success(call, message) : failure(call, unwrap(failure));
        });
    }

    /**
     * An answer to a request refused before it could be dispatched: call id 0 when the
     * failure concerns the connection itself (there is no call to correlate with).
     */
    RpcResponse refusal(long callId, ErrorCode code, String message) {
        return errorResponse(callId, code, message);
    }

    private CompletableFuture<? extends Message> invoke(RpcHandler handler, RpcCall call) {
        if (handlerExecutor == null) {
            return invokeNow(handler, call);
        }
        try {
            return CompletableFuture.supplyAsync(() -> invokeNow(handler, call), handlerExecutor)
                    .thenCompose(result -> result);
        } catch (RuntimeException rejected) {
            return CompletableFuture.failedFuture(rejected);
        }
    }

    // A handler that throws instead of failing its future is still answered, not dropped.
    private static CompletableFuture<? extends Message> invokeNow(RpcHandler handler, RpcCall call) {
        try {
            CompletableFuture<? extends Message> result = handler.handle(call);
            return result != null ? result
                    : CompletableFuture.failedFuture(new IllegalStateException("handler returned no future"));
        } catch (Throwable t) {
            return CompletableFuture.failedFuture(t);
        }
    }

    private RpcResponse success(RpcCall call, Message message) {
        if (message == null) {
            return failure(call, new IllegalStateException("handler completed with a null message"));
        }
        RpcResponse response = stamped(RpcResponse.newBuilder().setCallId(call.callId())
                .setPayload(message.toByteString()));
        if (response.getSerializedSize() > maxFrameBytes) {
            return errorResponse(call.callId(), ErrorCode.FRAME_TOO_LARGE, "response of "
                    + response.getSerializedSize() + " bytes exceeds the limit of " + maxFrameBytes + " bytes");
        }
        return response;
    }

    private RpcResponse failure(RpcCall call, Throwable failure) {
        if (failure instanceof HydraException expected) {
            LOG.debug("call {} of {} from {} failed: {}", call.callId(), call.method(), call.remoteAddress(),
                    expected.getMessage());
            return errorResponse(call.callId(), RpcErrors.toRpcError(expected));
        }
        LOG.error("call {} of {} from {} failed with an unexpected error", call.callId(), call.method(),
                call.remoteAddress(), failure);
        return errorResponse(call.callId(), ErrorCode.INTERNAL,
                "internal error in " + call.method() + ": " + failure);
    }

    private RpcResponse errorResponse(long callId, ErrorCode code, String message) {
        return errorResponse(callId, RpcErrors.toRpcError(code, message));
    }

    private RpcResponse errorResponse(long callId, RpcError error) {
        metrics.error(ErrorCode.fromNumber(error.getCode()));
        return stamped(RpcResponse.newBuilder().setCallId(callId).setError(error));
    }

    private RpcResponse stamped(RpcResponse.Builder response) {
        if (appliedIndex != null) {
            response.setAppliedIndex(appliedIndex.getAsLong());
        }
        return response.build();
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
