package io.hydrafs.ops.fs;

import io.hydrafs.client.FileStatus;

import java.io.IOException;

/**
 * Depth-first walks below a HydraFS directory for the recursive verbs ({@code chmod -R},
 * {@code chown -R}, {@code setrep} on a directory). As {@code hdfs dfs}, a failure on one entry
 * is reported and the walk goes on with the others; a directory that cannot be listed is
 * reported and skipped.
 */
final class FsTree {
    private FsTree() {
    }

    /** Calls {@code visitor} on every entry below {@code dir}, each directory before its entries. */
    static void forEachBelow(FsSession session, String dir, Visitor visitor) {
        java.util.List<FileStatus> entries;
        try {
            entries = session.list(dir);
        } catch (IOException e) {
            session.fail(dir, e);
            return;
        }
        for (FileStatus entry : entries) {
            try {
                visitor.visit(entry);
            } catch (IOException | RuntimeException e) {
                session.fail(entry.path(), e);
            }
            if (entry.isDirectory()) {
                forEachBelow(session, entry.path(), visitor);
            }
        }
    }

    /** Calls {@code visitor} on each path, and with {@code recursive} on everything below a directory. */
    static void forEachTarget(FsSession session, java.util.List<String> paths, boolean recursive, Visitor visitor) {
        session.forEach(paths, path -> {
            FileStatus status = session.fs().getFileStatus(session.resolve(path));
            visitor.visit(status);
            if (recursive && status.isDirectory()) {
                forEachBelow(session, status.path(), visitor);
            }
        });
    }

    @FunctionalInterface
    interface Visitor {
        void visit(FileStatus entry) throws IOException;
    }
}
