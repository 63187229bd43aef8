package io.hydrafs.meta.blocks;

/**
 * A read-only copy of what a meta node knows of one blockstore, for status pages and tools; it
 * does not change when the blockstore reports again.
 *
 * @param lastHeardAgoMs time since its last heartbeat or report reached this node
 */
public record BlockstoreView(String id, String host, int dataPort, String rack, boolean live,
                             boolean decommissioning, long lastHeardAgoMs, long capacityBytes,
                             long usedBytes, long remainingBytes, int failedVolumes) {
}
