package io.hydrafs.protocol.net;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.rpc.RpcResponse;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls of one connection that await their answer, keyed by call id. Whoever removes a
 * call's entry (its answer, its timeout, a send failure, the connection's end) completes it,
 * so each call completes exactly once however these race.
 *
 * <p>Once {@link #failAll} has run, the table is dead: every call added later fails at once
 * with the same cause. {@code add} inserts before it checks for death and {@code failAll}
 * marks death before it drains, so a call racing with the connection's end is always failed
 * by one of the two and never left waiting.
 */
final class OutstandingCalls {
    private final Map<Long, CompletableFuture<RpcResponse>> calls = new ConcurrentHashMap<>();
    private volatile HydraException deathCause;

    /**
     * Tracks {@code future} as the call {@code callId}; fails it at once if the connection is dead.
     * A call id still outstanding is a retry of the same logical call (clients keep the id across
     * retries, and the server's retry cache makes both attempts one): the new attempt takes the
     * entry and the old one fails as superseded, so whichever answer comes serves the caller.
     */
    void add(long callId, CompletableFuture<RpcResponse> future) {
        CompletableFuture<RpcResponse> previous = calls.put(callId, future);
        if (previous != null) {
            previous.completeExceptionally(new HydraException(ErrorCode.CONNECTION_FAILED,
                    "call " + callId + " was sent again on this channel; this attempt is superseded"));
        }
        HydraException cause = deathCause;
        if (cause != null) {
            fail(callId, cause);
        }
    }

    /** Completes the call this response answers; false if it is not (or no longer) outstanding. */
    boolean complete(RpcResponse response) {
        CompletableFuture<RpcResponse> future = calls.remove(response.getCallId());
        return future != null && future.complete(response);
    }

    /** Forgets a call its caller completed or cancelled itself, unless a newer attempt took its id. */
    void forget(long callId, CompletableFuture<RpcResponse> future) {
        calls.remove(callId, future);
    }

    /** Fails one call; false if it is not (or no longer) outstanding. */
    boolean fail(long callId, Throwable cause) {
        CompletableFuture<RpcResponse> future = calls.remove(callId);
        return future != null && future.completeExceptionally(cause);
    }

    /** Fails every call, now and later, with {@code cause}; only the first cause given is kept. */
    void failAll(HydraException cause) {
        synchronized (this) {
            if (deathCause == null) {
                deathCause = cause;
            }
        }
        HydraException kept = deathCause;
        for (Long callId : calls.keySet()) {
            fail(callId, kept);
        }
    }

    /** The cause given to the first {@link #failAll}, or null while the connection lives. */
    HydraException deathCause() {
        return deathCause;
    }

    int size() {
        return calls.size();
    }
}
