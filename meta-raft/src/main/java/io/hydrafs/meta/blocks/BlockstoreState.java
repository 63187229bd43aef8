package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.block.StorageReport;
import io.hydrafs.protocol.meta.BlockstoreLocation;

/**
 * One blockstore as a meta node sees it, for operators (a copy: it does not change afterwards).
 *
 * @param replicas                   replicas this node knows on it (any state)
 * @param decommissionPendingBlocks  while decommissioning, its blocks with fewer good replicas
 *                                   elsewhere than their file asks for (0: safe to remove);
 *                                   {@link #NOT_COUNTED} before the first replication round since
 *                                   decommissioning began, and when not decommissioning
 * @param startTimeMs                when the blockstore process this node hears from started (wall clock
 *                                   of the blockstore): a restart shows as a later value
 * @param fullReportReceived         this node holds a full block report of that very process
 */
public record BlockstoreState(BlockstoreLocation location, boolean live, long lastHeardMsAgo, StorageReport storage,
                              int replicas, boolean decommissioning, int decommissionPendingBlocks,
                              long startTimeMs, boolean fullReportReceived) {
    public static final int NOT_COUNTED = -1;

    public String id() {
        return location.getId();
    }
}
