package io.hydrafs.client;

/**
 * Totals over a subtree, as {@code hdfs dfs -count} shows them.
 *
 * @param length         bytes in all files
 * @param spaceConsumed  bytes on blockstores: each file's length times its replication
 * @param quota          the directory's quotas and what they count, or null if it has none
 */
public record ContentSummary(long length, long fileCount, long directoryCount, long spaceConsumed,
                             DirectoryQuota quota) {

    /** A summary of a subtree whose top has no quota. */
    public ContentSummary(long length, long fileCount, long directoryCount, long spaceConsumed) {
        this(length, fileCount, directoryCount, spaceConsumed, null);
    }

    public boolean hasQuota() {
        return quota != null;
    }
}
