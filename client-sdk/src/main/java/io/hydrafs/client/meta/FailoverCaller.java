package io.hydrafs.client.meta;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.hydrafs.client.net.ChannelPool;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.net.RpcChannel;
import io.hydrafs.protocol.rpc.RpcError;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends one logical meta call to whichever meta node can answer it, retrying across nodes as
 * {@link FailoverPlan} decides, and returns the answer or the first non-failover error.
 *
 * <p>Idempotency: a logical call gets one call id, and every attempt (on any node) carries
 * that id and this client's id unchanged, only {@code attempt} grows. The meta service's
 * retry cache is keyed on (client id, call id), so a mutation that ran on a leader which died
 * before answering is not applied twice when the retry reaches the new leader.
 *
 * <p>Leader guess: shared by all threads; set to the node that answered a call only the leader
 * may answer (not a follower read, not cluster status), so the next call starts there, unless
 * another call changed the guess while this one was under way.
 *
 * <p>Freshness: the highest {@code applied_index} seen in any response is tracked; a follower
 * read asks for at least that index, so a client always reads its own writes.
 *
 * <p>Thread-safe: any number of threads call concurrently over the shared {@link ChannelPool}.
 */
final class FailoverCaller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverCaller.class);

    private final MetaClientConfig config;
    private final ChannelPool channels;
    private final ByteString clientId;
    private final AtomicLong callIds = new AtomicLong();
    private final AtomicReference<String> leaderGuess = new AtomicReference<>();
    private final AtomicLong highestAppliedIndex = new AtomicLong();

    FailoverCaller(MetaClientConfig config, ChannelPool channels, ByteString clientId) {
        this.config = config;
        this.channels = channels;
        this.clientId = clientId;
    }

    <T extends Message> T call(String method, Message request, Parser<T> responseParser) throws HydraException {
        boolean followerRead = config.followerReads() && MetaMethods.READS.contains(method);
        boolean leaderOnly = !followerRead && !MetaMethods.CLUSTER_STATUS.equals(method);
        long callId = callIds.incrementAndGet();
        ByteString payload = request.toByteString();
        String guessAtStart = leaderGuess.get();
        FailoverPlan plan = new FailoverPlan(config.addresses(), guessAtStart, System.nanoTime(),
                config.failoverTimeoutMs(), config.backoff(), ThreadLocalRandom.current());
        while (true) {
            String address = plan.address();
            RpcRequest rpc = request(callId, method, payload, plan.attempt(), followerRead);
            HydraException failure;
            try {
                RpcResponse response = send(address, rpc, attemptWaitMs(plan));
                if (!response.hasError()) {
                    if (leaderOnly) {
                        // Only over the guess this call started from: a slow answer of an old
                        // leader must not undo what a newer call learnt meanwhile.
                        leaderGuess.compareAndSet(guessAtStart, address);
                    }
                    return parse(method, address, response, responseParser);
                }
                failure = toException(response.getError());
            } catch (HydraException e) {
                failure = e;
            }
            if (!FailoverPlan.isFailoverCondition(failure.code())) {
                throw failure;
            }
            long delayMs = plan.onFailure(failure, System.nanoTime());
            if (delayMs < 0) {
                throw plan.giveUp();
            }
            LOG.debug("{} call {} attempt {} failed at {} ({}); next {} in {} ms", method, callId,
                    plan.attempt() - 1, address, failure.getMessage(), plan.address(), delayMs);
            pause(delayMs, method);
        }
    }

    /** One attempt at one node, no failover: for questions about that node itself. */
    <T extends Message> T callNode(String address, String method, Message request, Parser<T> responseParser)
            throws HydraException {
        RpcRequest rpc = request(callIds.incrementAndGet(), method, request.toByteString(), 0, false);
        RpcResponse response = send(address, rpc, config.rpcTimeoutMs());
        if (response.hasError()) {
            throw toException(response.getError());
        }
        return parse(method, address, response, responseParser);
    }

    ByteString clientId() {
        return clientId;
    }

    /** The node the next call tries first; null before any call succeeded. */
    String leaderGuess() {
        return leaderGuess.get();
    }

    long highestAppliedIndex() {
        return highestAppliedIndex.get();
    }

    @Override
    public void close() {
        channels.close();
    }

    private RpcRequest request(long callId, String method, ByteString payload, int attempt, boolean followerRead) {
        RpcRequest.Builder rpc = RpcRequest.newBuilder()
                .setCallId(callId)
                .setClientId(clientId)
                .setUser(config.user())
                .addAllGroups(config.groups())
                .setMethod(method)
                .setPayload(payload)
                .setAttempt(attempt);
        if (followerRead) {
            rpc.setFollowerReadOk(true).setMinAppliedIndex(highestAppliedIndex.get());
        }
        return rpc.build();
    }

    // Never wait past the call's deadline, but always give an attempt at least a moment.
    private long attemptWaitMs(FailoverPlan plan) {
        return Math.max(1, Math.min(config.rpcTimeoutMs(), plan.remainingMs(System.nanoTime())));
    }

    private RpcResponse send(String address, RpcRequest rpc, long waitMs) throws HydraException {
        RpcChannel channel = channels.get(address);
        CompletableFuture<RpcResponse> future = channel.call(rpc);
        RpcResponse response;
        try {
            response = future.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Cancel so the channel forgets the call: its retry may come back to this channel with the same id.
            future.cancel(false);
            throw new HydraException(ErrorCode.TIMEOUT, "no answer from " + address + " to " + rpc.getMethod()
                    + " within " + waitMs + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new HydraException(ErrorCode.IO_ERROR, "interrupted while waiting for " + rpc.getMethod(), e);
        } catch (ExecutionException | CancellationException e) {
            HydraException failure = transportFailure(address, e);
            if (failure.code() == ErrorCode.CONNECTION_FAILED) {
                channels.discard(address, channel);
            }
            throw failure;
        }
        highestAppliedIndex.accumulateAndGet(response.getAppliedIndex(), Math::max);
        return response;
    }

    private static HydraException transportFailure(String address, Exception e) {
        Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HydraException hydra) {
            return hydra;
        }
        // Outside the channel's contract; treat the connection as unusable rather than guess.
        LOG.warn("channel to {} failed a call with an unexpected {}", address, cause.toString());
        return new HydraException(ErrorCode.CONNECTION_FAILED, "call to " + address + " failed: " + cause, cause);
    }

    private static HydraException toException(RpcError error) {
        ErrorCode code = ErrorCode.fromNumber(error.getCode());
        if (code == ErrorCode.NOT_LEADER) {
            return new NotLeaderException(error.getMessage(), error.getLeaderHint());
        }
        return new HydraException(code, error.getMessage());
    }

    private static <T extends Message> T parse(String method, String address, RpcResponse response,
                                               Parser<T> parser) throws HydraException {
        try {
            return parser.parseFrom(response.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new HydraException(ErrorCode.INTERNAL, "malformed " + method + " response from " + address, e);
        }
    }

    private static void pause(long delayMs, String method) throws HydraException {
        if (delayMs <= 0) {
            return;
        }
        try {
            Thread.sleep(delayMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.IO_ERROR, "interrupted while retrying " + method, e);
        }
    }
}
