package io.hydrafs.meta.statemachine;

import io.hydrafs.protocol.meta.BlockProto;

import java.util.List;
import java.util.Set;

/**
 * Told, on every meta node, of blocks that an applied batch removed from the namespace (deleted
 * files, overwritten files, abandoned blocks, blocks dropped by lease recovery), after the batch
 * is in the store. The leader's block management orders their replicas deleted; every node
 * forgets their locations. Also told of changes to the decommissioning set. Called on the apply
 * thread: implementations must be quick.
 */
@FunctionalInterface
public interface AppliedBlockEvents {
    AppliedBlockEvents NONE = blocks -> { };

    void blocksRemoved(List<BlockProto> blocks);

    /**
     * An applied entry changed the replicated set of decommissioning blockstores; {@code ids} is
     * the whole set as of log index {@code appliedIndex}. Default: ignored.
     */
    default void decommissioningChanged(Set<String> ids, long appliedIndex) {
    }

    /**
     * An applied entry changed what the namespace records for the blocks of the files at these
     * paths without any replica changing (setReplication, complete, concat): their replicas are worth
     * checking again. Default: ignored.
     */
    default void filesChanged(Set<String> paths) {
    }
}
