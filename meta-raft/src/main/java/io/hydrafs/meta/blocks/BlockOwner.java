package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.meta.BlockProto;

/**
 * The namespace's side of a block: the block as recorded (stamp, length), the replication its
 * file asks for, and whether it is the last block of a file being written or recovered (such a
 * block is left alone: its replicas are still changing).
 */
public record BlockOwner(BlockProto recorded, int replication, boolean beingWritten) {
}
