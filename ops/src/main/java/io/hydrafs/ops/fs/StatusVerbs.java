package io.hydrafs.ops.fs;

import io.hydrafs.client.FileChecksum;
import io.hydrafs.client.FileStatus;
import io.hydrafs.client.StorageStatus;

import java.util.List;

/** {@code stat}, {@code checksum} and {@code test}: one file's attributes, printed or tested; {@code df}: the cluster's. */
public final class StatusVerbs {
    /** The conditions of {@code test}, as {@code hdfs dfs -test}. */
    public enum Condition {
        /** -e: something is at the path. */
        EXISTS,
        /** -d: a directory is at the path. */
        DIRECTORY,
        /** -f: a file is at the path. */
        FILE,
        /** -z: a file or directory of length 0 is at the path. */
        ZERO_LENGTH,
        /** -s: a file of length greater than 0 is at the path. */
        NON_EMPTY
    }

    private final FsSession session;

    public StatusVerbs(FsSession session) {
        this.session = session;
    }

    /** One line per path, as {@code format} says. */
    public void stat(StatFormat format, List<String> paths) {
        session.forEach(paths, path -> session.println(format.format(session.fs().getFileStatus(session.resolve(path)))));
    }

    /**
     * One line per file, as {@code hdfs dfs -checksum}: path, algorithm, checksum in hex. The
     * checksum is the CRC32C of the file's bytes, HDFS's COMPOSITE-CRC32C.
     */
    public void checksum(List<String> paths) {
        session.forEach(paths, path -> {
            String resolved = session.resolve(path);
            FileChecksum sum = session.fs().getFileChecksum(resolved);
            session.println(resolved + "\t" + FileChecksum.ALGORITHM + "\t" + String.format("%08x", sum.crc32c()));
        });
    }

    /**
     * The cluster's storage as {@code hdfs dfs -df} prints it: a header, then the file system,
     * its size, used and available bytes and the use in percent, in columns two blanks apart.
     */
    public void df(boolean human) {
        session.forEach(List.of("/"), path -> {
            StorageStatus s = session.fs().getStorageStatus();
            String[][] rows = {
                {"Filesystem", "Size", "Used", "Available", "Use%"},
                {"hydra://" + String.join(",", session.fs().metaAddresses()), SizeFormat.bytes(s.capacityBytes(), human),
                    SizeFormat.bytes(s.usedBytes(), human), SizeFormat.bytes(s.remainingBytes(), human),
                    s.usedPercent() + "%"}};
            int[] widths = new int[rows[0].length];
            for (String[] row : rows) {
                for (int c = 0; c < row.length; c++) {
                    widths[c] = Math.max(widths[c], row[c].length());
                }
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int c = 0; c < row.length; c++) {
                    line.append(c == 0 ? "" : "  ").append(c == row.length - 1 ? row[c] : ListingFormat.padRight(row[c], widths[c]));
                }
                session.println(line.toString());
            }
        });
    }

    /**
     * Whether {@code condition} holds, as the exit code: 0 yes, 1 no (silently). A failure other
     * than "not found" (the cluster cannot be reached) is reported and is also 1.
     */
    public void test(Condition condition, String path) {
        session.forEach(List.of(path), p -> {
            FileStatus s = session.statusOrNull(session.resolve(p));
            boolean holds = s != null && switch (condition) {
                case EXISTS -> true;
                case DIRECTORY -> s.isDirectory();
                case FILE -> s.isFile();
                case ZERO_LENGTH -> s.length() == 0;
                case NON_EMPTY -> s.isFile() && s.length() > 0;
            };
            if (!holds) {
                session.failQuietly();
            }
        });
    }
}
