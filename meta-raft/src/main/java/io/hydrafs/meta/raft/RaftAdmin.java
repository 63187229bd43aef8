package io.hydrafs.meta.raft;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;
import org.apache.ratis.server.RaftServer;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Ratis's administration API on this node's own server, in-process: leadership transfer and
 * on-demand snapshots. Ratis failures become HydraExceptions that say what went wrong, none
 * of them retryable by the client's failover (an operator decides whether to try again).
 *
 * <p>Leadership transfer: Ratis refuses a target that does not have the highest priority in
 * the configuration; our peers all have the default priority, so any voting member qualifies.
 * The leader first brings the target's log up to date, then asks it to start an election; the
 * answer comes once the old leader sees the target as leader, or when the timeout expires.
 */
public final class RaftAdmin {
    private final RaftServer server;
    private final RaftGroupId groupId;
    private final Function<RaftPeerId, String> clientAddressOf;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();

    /**
     * @param clientAddressOf maps a peer id to the host:port of its client RPC service, for leader hints
     */
    public RaftAdmin(RaftServer server, RaftGroupId groupId, Function<RaftPeerId, String> clientAddressOf) {
        this.server = server;
        this.groupId = groupId;
        this.clientAddressOf = clientAddressOf;
    }

    /** Completes once {@code targetId} leads; fails with TIMEOUT after {@code timeoutMs}, NOT_LEADER off the leader. */
    public CompletableFuture<Void> transferLeadership(String targetId, long timeoutMs) {
        TransferLeadershipRequest request = new TransferLeadershipRequest(clientId, server.getId(), groupId,
                callIds.incrementAndGet(), RaftPeerId.valueOf(targetId), timeoutMs);
        CompletableFuture<RaftClientReply> sent;
        try {
            sent = server.transferLeadershipAsync(request);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(translate(e, "transfer leadership to " + targetId));
        }
        return checked(sent, "transfer leadership to " + targetId).thenApply(reply -> null);
    }

    /**
     * Takes a snapshot of this node's state machine now, unless nothing was applied since the
     * latest one; answers the index of the snapshot that covers the applied state.
     */
    public CompletableFuture<Long> takeSnapshot(long timeoutMs) {
        // creation gap 1: any newly applied entry is worth a snapshot when an operator asks
        SnapshotManagementRequest request = SnapshotManagementRequest.newCreate(clientId, server.getId(), groupId,
                callIds.incrementAndGet(), timeoutMs, 1);
        return checked(server.snapshotManagementAsync(request), "take a snapshot").thenApply(RaftClientReply::getLogIndex);
    }

    private CompletableFuture<RaftClientReply> checked(CompletableFuture<RaftClientReply> sent, String what) {
        return sent.handle((reply, error) -> {
            if (error != null) {
                throw new CompletionException(translate(unwrap(error), what));
            }
            if (!reply.isSuccess()) {
                throw new CompletionException(translate(reply.getException(), what));
            }
            return reply;
        });
    }

    private HydraException translate(Throwable t, String what) {
        if (t instanceof NotLeaderException nle) {
            String hint = nle.getSuggestedLeader() == null ? "" : clientAddressOf.apply(nle.getSuggestedLeader().getId());
            return new io.hydrafs.protocol.error.NotLeaderException("this meta node is not the leader", hint);
        }
        String message = t == null ? "unknown failure" : t.getMessage();
        if (t instanceof TransferLeadershipException && message != null && message.contains("TIMED_OUT")) {
            return new HydraException(ErrorCode.TIMEOUT, "could not " + what + " in time: " + message, t);
        }
        return new HydraException(ErrorCode.INTERNAL, "could not " + what + ": " + message, t);
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
