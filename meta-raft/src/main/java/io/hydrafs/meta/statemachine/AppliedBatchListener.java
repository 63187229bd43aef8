package io.hydrafs.meta.statemachine;

import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaBatchResult;

/**
 * Told the results of each batch this node applies, as soon as they are known: after the batch
 * is applied to its write batch and before that is committed to the store (so the store, and
 * every reader of it, may not show the batch yet). The entry is committed in the Raft log and
 * apply is deterministic, so the results are final. Called on the apply thread: be quick.
 */
@FunctionalInterface
public interface AppliedBatchListener {
    AppliedBatchListener NONE = (batch, result) -> { };

    void applied(MetaBatch batch, MetaBatchResult result);
}
