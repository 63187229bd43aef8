package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.block.StorageReport;
import io.hydrafs.protocol.meta.BlockstoreLocation;

/**
 * What a meta node knows of one blockstore process: where it is, its storage, when it was last
 * heard, and whether this node holds a full block report of this very process (a restart, seen
 * as a new start time, voids it).
 */
final class Blockstore {
    BlockstoreLocation location;
    StorageReport storage = StorageReport.getDefaultInstance();
    long lastHeardMs;
    long startTimeMs;
    boolean fullReportReceived;

    Blockstore(BlockstoreLocation location) {
        this.location = location;
    }

    String id() {
        return location.getId();
    }

    boolean isLive(long nowMs, long deadTimeoutMs) {
        return nowMs - lastHeardMs < deadTimeoutMs;
    }
}
