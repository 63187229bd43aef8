package io.hydrafs.protocol.net;

import com.codahale.metrics.MetricRegistry;
import com.google.protobuf.ByteString;
import com.google.protobuf.StringValue;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.hydrafs.protocol.net.RpcFixture.assertErrorCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server's answer to each kind of handler outcome, without sockets or threads. */
class RpcDispatcherTest {
    private final MetricRegistry metrics = new MetricRegistry();
    private final RpcDispatcher dispatcher = new RpcDispatcher(1024, new RpcMetrics(metrics), () -> 7, null);

    private static RpcCall call(String method) {
        return new RpcCall(9, ByteString.EMPTY, "alice", List.of(), method, ByteString.EMPTY, "test:1");
    }

    /** The answer, which must already be there: handlers here complete synchronously. */
    private RpcResponse answer(String method) {
        CompletableFuture<RpcResponse> response = dispatcher.dispatch(call(method));
        assertTrue(response.isDone());
        return response.join();
    }

    @Test
    void successPayloadIsTheHandlersMessageStampedWithTheAppliedIndex() {
        dispatcher.register("m", c -> CompletableFuture.completedFuture(StringValue.of("v")));

        RpcResponse response = answer("m");

        assertEquals(9, response.getCallId());
        assertEquals(StringValue.of("v").toByteString(), response.getPayload());
        assertEquals(7, response.getAppliedIndex());
        assertFalse(response.hasError());
    }

    @Test
    void unknownMethodIsAnsweredUnknownMethodNamingIt() {
        RpcResponse response = answer("no.such");

        assertErrorCode(ErrorCode.UNKNOWN_METHOD, response);
        assertTrue(response.getError().getMessage().contains("no.such"));
        assertEquals(7, response.getAppliedIndex());
    }

    @Test
    void hydraExceptionKeepsItsCodeAndDetail() {
        dispatcher.register("m", c -> CompletableFuture.failedFuture(
                new HydraException(ErrorCode.PERMISSION_DENIED, "alice may not write /x")));

        RpcResponse response = answer("m");

        assertErrorCode(ErrorCode.PERMISSION_DENIED, response);
        assertEquals("alice may not write /x", response.getError().getMessage());
    }

    @Test
    void hydraExceptionWrappedByAFutureStageIsUnwrapped() {
        dispatcher.register("m", c -> CompletableFuture.completedFuture(StringValue.of(""))
                .thenApply(v -> {
                    throw new java.util.concurrent.CompletionException(
                            new HydraException(ErrorCode.FILE_ALREADY_EXISTS, "/x"));
                }));

        assertErrorCode(ErrorCode.FILE_ALREADY_EXISTS, answer("m"));
    }

    @Test
    void notLeaderCarriesTheLeaderHint() {
        dispatcher.register("m", c -> CompletableFuture.failedFuture(new NotLeaderException("follower", "h:1")));

        RpcResponse response = answer("m");

        assertErrorCode(ErrorCode.NOT_LEADER, response);
        assertEquals("h:1", response.getError().getLeaderHint());
    }

    @Test
    void handlerBugsOfEveryShapeAreAnsweredInternal() {
        dispatcher.register("throws", c -> {
            throw new IllegalArgumentException("bug");
        });
        dispatcher.register("fails", c -> CompletableFuture.failedFuture(new NullPointerException("bug")));
        dispatcher.register("noFuture", c -> null);
        dispatcher.register("nullMessage", c -> CompletableFuture.completedFuture(null));

        for (String method : List.of("throws", "fails", "noFuture", "nullMessage")) {
            assertErrorCode(ErrorCode.INTERNAL, answer(method));
        }
        assertEquals(4, metrics.meter(RpcMetrics.errorMeterName(ErrorCode.INTERNAL)).getCount());
    }

    @Test
    void responseOverTheFrameLimitIsAnsweredFrameTooLarge() {
        dispatcher.register("m", c -> CompletableFuture.completedFuture(StringValue.of("z".repeat(2000))));

        assertErrorCode(ErrorCode.FRAME_TOO_LARGE, answer("m"));
    }

    @Test
    void afterShutDownCallsAreRefusedWithoutRunningTheHandler() {
        AtomicBoolean ran = new AtomicBoolean();
        dispatcher.register("m", c -> {
            ran.set(true);
            return CompletableFuture.completedFuture(StringValue.of(""));
        });

        dispatcher.shutDown();

        assertErrorCode(ErrorCode.SERVER_SHUTTING_DOWN, answer("m"));
        assertFalse(ran.get());
    }

    @Test
    void answerWaitsForTheHandlersFutureAndIsTimedPerMethod() {
        CompletableFuture<StringValue> later = new CompletableFuture<>();
        dispatcher.register("m", c -> later);

        CompletableFuture<RpcResponse> response = dispatcher.dispatch(call("m"));
        assertFalse(response.isDone());
        later.complete(StringValue.of("done"));

        assertTrue(response.isDone());
        assertEquals(1, metrics.timer(RpcMetrics.timerName("m")).getCount());
    }

    @Test
    void methodCannotBeRegisteredTwice() {
        dispatcher.register("m", c -> CompletableFuture.completedFuture(StringValue.of("")));

        assertThrows(IllegalStateException.class,
                () -> dispatcher.register("m", c -> CompletableFuture.completedFuture(StringValue.of(""))));
    }

    @Test
    void withoutRegistryOrAppliedIndexDispatchStillAnswers() {
        RpcDispatcher bare = new RpcDispatcher(1024, new RpcMetrics(null), null, null);

        RpcResponse response = bare.dispatch(call("x")).join();

        assertErrorCode(ErrorCode.UNKNOWN_METHOD, response);
        assertEquals(0, response.getAppliedIndex());
    }
}
