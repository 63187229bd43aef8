package io.hydrafs.ops.fs;

import io.hydrafs.client.FileChecksum;
import io.hydrafs.client.FileStatus;

import java.util.List;

/** {@code stat}, {@code checksum} and {@code test}: one file's attributes, printed or tested. */
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
