package io.hydrafs.meta.statemachine;

import io.hydrafs.protocol.meta.BlockProto;

import java.util.List;

/**
 * Told, on every meta node, of blocks that an applied batch removed from the namespace (deleted
 * files, overwritten files, abandoned blocks, blocks dropped by lease recovery), after the batch
 * is in the store. The leader's block management orders their replicas deleted; every node
 * forgets their locations. Called on the apply thread: implementations must be quick.
 */
@FunctionalInterface
public interface AppliedBlockEvents {
    AppliedBlockEvents NONE = blocks -> { };

    void blocksRemoved(List<BlockProto> blocks);
}
