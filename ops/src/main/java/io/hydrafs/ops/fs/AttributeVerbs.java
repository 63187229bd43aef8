package io.hydrafs.ops.fs;

import io.hydrafs.client.FileStatus;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.LocatedBlockProto;

import java.util.ArrayList;
import java.util.List;

/** {@code chmod}, {@code chown}, {@code setrep} and {@code truncate}: the attributes of files and directories, and their length. */
public final class AttributeVerbs {
    private final FsSession session;
    private final long pollIntervalMs;

    /** @param pollIntervalMs how often {@code setrep -w} asks for the block locations */
    public AttributeVerbs(FsSession session, long pollIntervalMs) {
        this.session = session;
        this.pollIntervalMs = pollIntervalMs;
    }

    /** Sets the permission of each path, and of everything below it when {@code recursive}. */
    public void chmod(int mode, List<String> paths, boolean recursive) {
        forEachTarget(paths, recursive, s -> session.fs().setPermission(s.path(), mode));
    }

    /** Sets owner and/or group (null = unchanged) of each path, and below it when {@code recursive}. */
    public void chown(FsArguments.Ownership ownership, List<String> paths, boolean recursive) {
        forEachTarget(paths, recursive, s -> session.fs().setOwner(s.path(), ownership.owner(), ownership.group()));
    }

    private void forEachTarget(List<String> paths, boolean recursive, FsTree.Visitor change) {
        FsTree.forEachTarget(session, paths, recursive, change);
    }

    /**
     * Sets the replication of each file, and of every file below a directory, printing
     * "Replication N set: PATH". With {@code wait}, then waits until every block of those files
     * has at least N replicas (the blockstores copy them in the background).
     */
    public void setrep(int replication, List<String> paths, boolean wait) {
        List<String> changed = new ArrayList<>();
        FsTree.Visitor set = s -> {
            if (s.isFile()) {
                session.fs().setReplication(s.path(), replication);
                session.println("Replication " + replication + " set: " + s.path());
                changed.add(s.path());
            }
        };
        forEachTarget(paths, true, set);
        if (!wait) {
            return;
        }
        session.forEach(changed, path -> {
            session.println("Waiting for " + path + " ...");
            while (!fullyReplicated(path, replication)) {
                sleep();
            }
            session.println("done");
        });
    }

    /**
     * Truncates each file to {@code length} bytes, printing as {@code hdfs dfs -truncate} does:
     * "Truncated PATH to length: N" when done; when a block must be cut first, with {@code wait}
     * "Waiting for PATH ..." until the file is closed, else a note that recovery goes on.
     */
    public void truncate(long length, List<String> paths, boolean wait) {
        session.forEach(paths, path -> {
            String file = session.resolve(path);
            if (session.fs().truncate(file, length)) {
                session.println("Truncated " + file + " to length: " + length);
            } else if (wait) {
                session.println("Waiting for " + file + " ...");
                while (!session.fs().isClosed(file)) {
                    sleep();
                }
                session.println("Truncated " + file + " to length: " + length);
            } else {
                session.println("Truncating " + file + " to length: " + length + ". Wait for block recovery to "
                        + "complete before further updating this file.");
            }
        });
    }

    private boolean fullyReplicated(String path, int replication) throws HydraException {
        GetBlockLocationsResponse located = session.fs().meta().getBlockLocations(path, 0, Long.MAX_VALUE);
        for (LocatedBlockProto block : located.getBlocksList()) {
            if (block.getTargetsCount() < replication) {
                return false;
            }
        }
        return true;
    }

    private void sleep() {
        try {
            Thread.sleep(pollIntervalMs);  // polling the meta service: there is no event to wait on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
