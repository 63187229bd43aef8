package io.hydrafs.blockstore.storage;

/** Capacity and health of a store's volumes, as sent in heartbeats. */
public record StorageSummary(long capacityBytes, long usedBytes, long remainingBytes, int activeVolumes,
                             int failedVolumes) {
}
