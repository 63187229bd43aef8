package io.hydrafs.meta.raft;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Talks to this node's own Ratis server in-process (no Ratis client, no extra network hop):
 * proposes batches as write requests and runs ReadIndex rounds as read requests. Ratis
 * failures become retryable HydraExceptions that name the leader when it is known.
 *
 * <p>Requests are handed to Ratis on our own submit thread, never on the caller's: callers
 * often run in a continuation of an earlier request (the next batch once one commits, the
 * next ReadIndex round once one completes), and those continuations run on Ratis's threads,
 * its state machine updater among them, while it holds Ratis's own locks. Submitting from
 * there can block on work only that very thread would do: seen as a meta leader whose every
 * call hung (updater parked in submitClientRequestAsync, holding the ReadIndex queue's lock).
 *
 * <p>Requests go to the group's division, not through the {@link RaftServer}: the server hands
 * each request to a thread of its own client pool and blocks the caller until that thread has
 * submitted it, one more thread hand-off per request for nothing, since our submit thread is
 * there for exactly that work already.
 */
public final class RatisLog implements LogProposer {
    private final RaftServer server;
    private final RaftGroupId groupId;
    private final Function<RaftPeerId, String> clientAddressOf;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final Executor submitter;
    private volatile RaftClientAsynchronousProtocol division;

    /**
     * @param clientAddressOf maps a peer id to the host:port of its client RPC service, for leader hints
     * @param submitter       the thread requests are submitted on: none of Ratis's (see class comment)
     */
    public RatisLog(RaftServer server, RaftGroupId groupId, Function<RaftPeerId, String> clientAddressOf,
                    Executor submitter) {
        this.submitter = submitter;
        this.server = server;
        this.groupId = groupId;
        this.clientAddressOf = clientAddressOf;
    }

    @Override
    public CompletableFuture<MetaBatchResult> propose(MetaBatch batch) {
        RaftClientRequest request = request(RaftClientRequest.writeRequestType(),
                Message.valueOf(ByteString.copyFrom(batch.toByteArray())));
        return submit(request).thenApply(reply -> {
            try {
                return MetaBatchResult.parseFrom(reply.getMessage().getContent().asReadOnlyByteBuffer());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("unparseable state machine reply", e);
            }
        });
    }

    /** One ReadIndex round: completes once this node is confirmed leader and has applied up to the read index. */
    public CompletableFuture<Void> readIndexRound() {
        return submit(request(RaftClientRequest.readRequestType(), Message.EMPTY)).thenApply(r -> null);
    }

    private RaftClientRequest request(RaftClientRequest.Type type, Message message) {
        return RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(server.getId())
                .setGroupId(groupId)
                .setCallId(callIds.incrementAndGet())
                .setMessage(message)
                .setType(type)
                .build();
    }

    private CompletableFuture<RaftClientReply> submit(RaftClientRequest request) {
        CompletableFuture<RaftClientReply> sent;
        try {
            sent = CompletableFuture.supplyAsync(() -> {
                try {
                    return division().submitClientRequestAsync(request);
                } catch (IOException e) {
                    throw new CompletionException(new HydraException(ErrorCode.NOT_READY,
                            "raft server cannot take requests: " + e.getMessage(), e));
                }
            }, submitter).thenCompose(f -> f);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new HydraException(ErrorCode.SERVER_SHUTTING_DOWN,
                    "meta node is stopping"));
        }
        return sent.handle((reply, error) -> {
            if (error != null) {
                throw new CompletionException(translate(unwrap(error)));
            }
            if (!reply.isSuccess()) {
                throw new CompletionException(translate(reply.getException()));
            }
            return reply;
        });
    }

    private RaftClientAsynchronousProtocol division() throws IOException {
        RaftClientAsynchronousProtocol d = division;
        if (d == null) {
            RaftServer.Division found = server.getDivision(groupId);
            if (!(found instanceof RaftClientAsynchronousProtocol protocol)) {
                throw new IllegalStateException("invariant violated: Ratis division " + found.getClass().getName()
                        + " does not take client requests");
            }
            division = d = protocol;
        }
        return d;
    }

    private HydraException translate(Throwable t) {
        if (t instanceof NotLeaderException nle) {
            String hint = nle.getSuggestedLeader() == null ? "" : clientAddressOf.apply(nle.getSuggestedLeader().getId());
            return new io.hydrafs.protocol.error.NotLeaderException("this meta node is not the leader", hint);
        }
        if (t instanceof LeaderNotReadyException) {
            return new HydraException(ErrorCode.NOT_READY, "leader elected but not ready yet");
        }
        if (t instanceof HydraException he) {
            return he;
        }
        if (t instanceof UnsupportedOperationException) {
            // A read round that reached Ratis just as this node stopped leading: Ratis then forwards it
            // to the new leader, which its netty transport cannot do. Leadership moved: retryable.
            return new HydraException(ErrorCode.NOT_READY, "leadership changed during a read: " + t.getMessage(), t);
        }
        if (t instanceof RaftException || t instanceof IOException) {
            return new HydraException(ErrorCode.NOT_READY, "raft: " + t.getMessage(), t);
        }
        return new HydraException(ErrorCode.INTERNAL, "raft: " + t, t);
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
