package io.hydrafs.hadoop;

import io.hydrafs.client.DirectoryQuota;
import org.apache.hadoop.fs.ContentSummary;
import org.apache.hadoop.fs.permission.FsPermission;

/** Plain conversions between Hadoop's types and the SDK's, with no call to a server. */
final class HadoopTypes {
    private HadoopTypes() {
    }

    /**
     * A summary as HDFS fills it: quota and space quota -1 when the directory has none. The
     * quota usage Hadoop derives from it (getQuotaUsage) counts what the summary counted.
     */
    static ContentSummary contentSummary(io.hydrafs.client.ContentSummary s) {
        ContentSummary.Builder b = new ContentSummary.Builder().length(s.length()).fileCount(s.fileCount())
                .directoryCount(s.directoryCount()).spaceConsumed(s.spaceConsumed());
        if (s.hasQuota()) {
            b.quota(s.quota().namespaceQuota()).spaceQuota(s.quota().spaceQuota());
        }
        return b.build();
    }

    /**
     * A quota value of Hadoop's setQuota in the SDK's terms: HDFS's QUOTA_RESET (-1) and
     * QUOTA_DONT_SET (Long.MAX_VALUE) are the SDK's NONE and DONT_SET.
     */
    static long quota(long hadoopValue) {
        return hadoopValue == -1 ? DirectoryQuota.NONE
                : hadoopValue == Long.MAX_VALUE ? DirectoryQuota.DONT_SET : hadoopValue;
    }

    /** Permission bits from Hadoop's, or the default's when none was given. */
    static int bits(FsPermission permission, FsPermission fallback) {
        return (permission == null ? fallback : permission).toShort() & 01777;
    }

    static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
