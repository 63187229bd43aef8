package io.hydrafs.ops.fs;

import io.hydrafs.client.ContentSummary;
import io.hydrafs.client.DirectoryQuota;

import java.util.List;
import java.util.Locale;

/**
 * {@code hydra fs count} and the quota arguments of {@code hydra admin set-space-quota}, as
 * {@code hdfs dfs -count} and {@code hdfs dfsadmin -setSpaceQuota} have them.
 */
public final class QuotaVerbs {
    private static final String SIZE_SUFFIXES = "kmgtpe";
    private final FsSession session;

    public QuotaVerbs(FsSession session) {
        this.session = session;
    }

    /**
     * One line per path: DIR_COUNT FILE_COUNT CONTENT_SIZE PATHNAME, and with {@code quotas}
     * first QUOTA REM_QUOTA SPACE_QUOTA REM_SPACE_QUOTA ("none" and "inf" without a quota).
     */
    public void count(List<String> paths, boolean quotas, boolean human, boolean header) {
        if (header) {
            session.println(header(quotas));
        }
        session.forEach(paths, path -> {
            String resolved = session.resolve(path);
            session.println(countLine(session.fs().getContentSummary(resolved), resolved, quotas, human));
        });
    }

    static String header(boolean quotas) {
        String counts = String.format(Locale.ROOT, "%12s %12s %18s %s", "DIR_COUNT", "FILE_COUNT", "CONTENT_SIZE",
                "PATHNAME");
        return quotas ? String.format(Locale.ROOT, "%12s %15s %15s %15s ", "QUOTA", "REM_QUOTA", "SPACE_QUOTA",
                "REM_SPACE_QUOTA") + counts : counts;
    }

    /**
     * The remaining quotas are the limits less the usage the quota checks count (a file being
     * written counts its last block whole), negative when a quota was set below the usage.
     */
    static String countLine(ContentSummary s, String path, boolean quotas, boolean human) {
        String counts = String.format(Locale.ROOT, "%12d %12d %18s %s", s.directoryCount(), s.fileCount(),
                SizeFormat.bytes(s.length(), human), path);
        if (!quotas) {
            return counts;
        }
        DirectoryQuota q = s.quota();
        boolean names = q != null && q.namespaceQuota() != DirectoryQuota.NONE;
        boolean space = q != null && q.spaceQuota() != DirectoryQuota.NONE;
        return String.format(Locale.ROOT, "%12s %15s %15s %15s ",
                names ? Long.toString(q.namespaceQuota()) : "none",
                names ? Long.toString(q.namespaceQuota() - q.namespaceUsed()) : "inf",
                space ? SizeFormat.bytes(q.spaceQuota(), human) : "none",
                space ? signedBytes(q.spaceQuota() - q.spaceUsed(), human) : "inf") + counts;
    }

    private static String signedBytes(long n, boolean human) {
        return n < 0 ? "-" + SizeFormat.bytes(-n, human) : SizeFormat.bytes(n, human);
    }

    /** A namespace quota: a count of 1 or more. */
    public static long namespaceQuota(String text) {
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n == DirectoryQuota.DONT_SET) {
            throw new IllegalArgumentException("a namespace quota is a whole number of files and directories, "
                    + "1 or more: " + text);
        }
        return n;
    }

    /** A space quota in bytes, with an optional binary suffix as HDFS takes it: 10g, 512m, 1t... */
    public static long spaceQuota(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int shift = 0;
        if (!t.isEmpty() && SIZE_SUFFIXES.indexOf(t.charAt(t.length() - 1)) >= 0) {
            shift = 10 * (SIZE_SUFFIXES.indexOf(t.charAt(t.length() - 1)) + 1);
            t = t.substring(0, t.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > (Long.MAX_VALUE - 1) >> shift) {
            throw new IllegalArgumentException("a space quota is a size in bytes, 0 or more, with an optional suffix "
                    + "k, m, g, t, p or e: " + text);
        }
        return n << shift;
    }
}
