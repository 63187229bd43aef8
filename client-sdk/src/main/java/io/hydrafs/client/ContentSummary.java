package io.hydrafs.client;

/**
 * Totals over a subtree, as {@code hdfs dfs -count} shows them.
 *
 * @param length         bytes in all files
 * @param spaceConsumed  bytes on blockstores: each file's length times its replication
 */
public record ContentSummary(long length, long fileCount, long directoryCount, long spaceConsumed) {
}
