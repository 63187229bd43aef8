package io.hydrafs.protocol.block;

/**
 * RPC methods a blockstore calls on every meta node (messages in block.proto). Registration is
 * not a separate call: every heartbeat and report carries the blockstore's location.
 */
public final class BlockstoreMethods {
    private BlockstoreMethods() {
    }

    /** HeartbeatRequest -> HeartbeatResponse (orders when the node is the leader). */
    public static final String HEARTBEAT = "bs.heartbeat";
    /** FullBlockReportRequest -> EmptyResponse: every replica on the blockstore. */
    public static final String FULL_BLOCK_REPORT = "bs.fullBlockReport";
    /** IncrementalBlockReportRequest -> EmptyResponse: replicas received or deleted since the last one. */
    public static final String INCREMENTAL_BLOCK_REPORT = "bs.incrementalBlockReport";
}
