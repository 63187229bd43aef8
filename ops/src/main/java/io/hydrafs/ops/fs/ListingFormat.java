package io.hydrafs.ops.fs;

import io.hydrafs.client.FileStatus;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of {@code ls}, in the format of {@code hdfs dfs -ls}:
 * <pre>
 * drwxr-xr-x   - alice supergroup          0 2024-05-01 12:00 /data
 * -rw-r--r--   3 alice supergroup       1366 2024-05-01 12:01 /data/part-0
 * </pre>
 * Type and permission, replication ('-' for a directory), owner, group, length, modification
 * time (local time zone, to the minute) and path. Column widths are computed over one batch
 * (the entries of one directory), with HDFS's minimums: 3 for replication, 10 for length.
 */
public final class ListingFormat {
    private static final int MIN_REPLICATION_WIDTH = 3;
    private static final int MIN_LENGTH_WIDTH = 10;

    private final DateTimeFormatter time;
    private final boolean human;

    /** @param human sizes as {@link SizeFormat#human} instead of bytes */
    public ListingFormat(ZoneId zone, boolean human) {
        this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
        this.human = human;
    }

    /** One line per entry, columns aligned across the batch. */
    public List<String> lines(List<FileStatus> batch) {
        int replicationWidth = MIN_REPLICATION_WIDTH;
        int ownerWidth = 0;
        int groupWidth = 0;
        int lengthWidth = MIN_LENGTH_WIDTH;
        for (FileStatus s : batch) {
            replicationWidth = Math.max(replicationWidth, replication(s).length());
            ownerWidth = Math.max(ownerWidth, s.owner().length());
            groupWidth = Math.max(groupWidth, s.group().length());
            lengthWidth = Math.max(lengthWidth, length(s).length());
        }
        List<String> lines = new ArrayList<>(batch.size());
        for (FileStatus s : batch) {
            lines.add(typeAndPermission(s) + " "
                    + padLeft(replication(s), replicationWidth) + " "
                    + padRight(s.owner(), ownerWidth) + " "
                    + padRight(s.group(), groupWidth) + " "
                    + padLeft(length(s), lengthWidth) + " "
                    + time.format(Instant.ofEpochMilli(s.modificationTimeMs())) + " "
                    + s.path());
        }
        return lines;
    }

    /** "drwxr-xr-x" or "-rw-r--r--", and "+" after it when an ACL says more, as HDFS's ls. */
    public static String typeAndPermission(FileStatus s) {
        return (s.isDirectory() ? "d" : "-") + s.permissionString() + (s.hasAcl() ? "+" : "");
    }

    private static String replication(FileStatus s) {
        return s.isDirectory() ? "-" : Integer.toString(s.replication());
    }

    private String length(FileStatus s) {
        return SizeFormat.bytes(s.length(), human);
    }

    static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }

    static String padRight(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
