package io.hydrafs.protocol.net;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutstandingCallsTest {
    private final OutstandingCalls calls = new OutstandingCalls();

    private static RpcResponse answerTo(long callId) {
        return RpcResponse.newBuilder().setCallId(callId).build();
    }

    private static HydraException broken(String why) {
        return new HydraException(ErrorCode.CONNECTION_FAILED, why);
    }

    /** The cause a call failed with; the call must already have ended. */
    private static Throwable failureOf(CompletableFuture<RpcResponse> call) {
        assertTrue(call.isCompletedExceptionally(), "call has not failed");
        return assertThrows(CompletionException.class, call::join).getCause();
    }

    @Test
    void answerCompletesTheCallWithItsIdOnly() {
        CompletableFuture<RpcResponse> one = new CompletableFuture<>();
        CompletableFuture<RpcResponse> two = new CompletableFuture<>();
        calls.add(1, one);
        calls.add(2, two);

        assertTrue(calls.complete(answerTo(2)));

        assertFalse(one.isDone());
        assertEquals(2, two.join().getCallId());
        assertEquals(1, calls.size());
    }

    @Test
    void answerToACallThatEndedIsIgnored() {
        CompletableFuture<RpcResponse> call = new CompletableFuture<>();
        calls.add(1, call);
        calls.fail(1, new HydraException(ErrorCode.TIMEOUT, "late"));

        assertFalse(calls.complete(answerTo(1)));
        assertTrue(call.isCompletedExceptionally());
    }

    @Test
    void failAllFailsOutstandingAndLaterCallsWithTheFirstCause() {
        CompletableFuture<RpcResponse> before = new CompletableFuture<>();
        calls.add(1, before);
        HydraException first = broken("first");

        calls.failAll(first);
        calls.failAll(broken("second"));
        CompletableFuture<RpcResponse> after = new CompletableFuture<>();
        calls.add(2, after);

        assertSame(first, calls.deathCause());
        assertSame(first, failureOf(before));
        assertSame(first, failureOf(after));
        assertEquals(0, calls.size());
    }

    @Test
    void liveTableHasNoDeathCause() {
        assertNull(calls.deathCause());
    }

    @Test
    void aRetryWithAnOutstandingCallIdSupersedesTheOldAttemptAndGetsTheAnswer() {
        CompletableFuture<RpcResponse> first = new CompletableFuture<>();
        CompletableFuture<RpcResponse> retry = new CompletableFuture<>();
        calls.add(1, first);

        calls.add(1, retry);
        calls.complete(RpcResponse.newBuilder().setCallId(1).build());

        assertTrue(first.isCompletedExceptionally());
        assertTrue(retry.isDone() && !retry.isCompletedExceptionally());
    }

    @Test
    void aForgottenAttemptDoesNotRemoveTheRetryThatTookItsId() {
        CompletableFuture<RpcResponse> first = new CompletableFuture<>();
        CompletableFuture<RpcResponse> retry = new CompletableFuture<>();
        calls.add(1, first);
        calls.add(1, retry);

        calls.forget(1, first);

        assertEquals(1, calls.size());
    }
}
