package io.hydrafs.client;

/**
 * A directory's quotas, as HDFS's {@code dfsadmin -setQuota/-setSpaceQuota} set them, and the
 * usage they are checked against. A limit of {@link #NONE} is no limit.
 *
 * <p>The usage counts names (files and directories, the directory itself included) and bytes
 * times replication; a file being written counts its last block whole, so it can differ from
 * the summary's totals while files are open.
 */
public record DirectoryQuota(long namespaceQuota, long namespaceUsed, long spaceQuota, long spaceUsed) {
    /** No limit (HDFS's QUOTA_RESET): clears a quota in {@link HydraFileSystem#setQuota}. */
    public static final long NONE = -1;
    /** Leaves a limit as it is in {@link HydraFileSystem#setQuota} (HDFS's QUOTA_DONT_SET). */
    public static final long DONT_SET = Long.MAX_VALUE;
}
