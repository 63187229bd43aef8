package io.hydrafs.client;

/**
 * The cluster's storage as {@code df} shows it: the live blockstores' capacity, bytes used by
 * replicas, and free space left for new replicas, summed, as the meta node's latest heartbeats
 * from them said (HDFS's {@code getStats}).
 */
public record StorageStatus(long capacityBytes, long usedBytes, long remainingBytes) {
    /** Used bytes as a whole percentage of the capacity, rounded; 0 for no capacity. */
    public int usedPercent() {
        return capacityBytes == 0 ? 0 : (int) Math.round(100.0 * usedBytes / capacityBytes);
    }
}
