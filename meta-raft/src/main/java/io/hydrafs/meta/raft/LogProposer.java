package io.hydrafs.meta.raft;

import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;

import java.util.concurrent.CompletableFuture;

/**
 * Appends one batch to the replicated log and returns the state machine's answer once the
 * entry is committed and applied. Fails with a retryable HydraException (NOT_LEADER, NOT_READY)
 * when this node cannot commit: the batch may or may not have been applied, which is why
 * every client call carries a retry-cache key.
 */
@FunctionalInterface
public interface LogProposer {
    CompletableFuture<MetaBatchResult> propose(MetaBatch batch);
}
