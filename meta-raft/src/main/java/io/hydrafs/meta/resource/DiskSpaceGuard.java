package io.hydrafs.meta.resource;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Refuses changes to the namespace while a meta node's disk is nearly full, as HDFS's NameNode
 * enters safe mode when its edits directories fall below {@code dfs.namenode.resource.du.reserved}.
 *
 * <p>Why refuse early instead of letting the write fail: a replica that cannot apply a committed
 * entry must stop (skipping it would make it diverge), and with every node on one disk, as in the
 * local cluster, the whole group would stop at once. Refusing client writes a reserve early keeps
 * room for what must still be written: entries already proposed, the leader's own housekeeping
 * (lease recovery), an election's first entry, snapshot checkpoints. Reads and lease renewals
 * (no log entry) keep working, and the guard lifts by itself once space is freed.
 *
 * <p>Space is measured by {@link #check()} (the node calls it every second), never on a call's
 * path: {@link #admitMutation()} reads one volatile field.
 */
public final class DiskSpaceGuard {
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceGuard.class);

    /** Bytes of a directory's file system this process may still write. */
    @FunctionalInterface
    public interface FreeSpaceProbe {
        long usableBytes(Path dir) throws IOException;
    }

    /** The directory with the least free space as of the last check, and how much it had. */
    private record Reading(Path dir, long usableBytes) {
    }

    private final String nodeName;
    private final List<Path> dirs;
    private final long reservedBytes;
    private final FreeSpaceProbe probe;
    private volatile Reading lowest;
    private volatile boolean low;

    /**
     * @param nodeName      names the node in the error message (e.g. "meta node m1")
     * @param dirs          the directories that must not fill up (a missing one is skipped)
     * @param reservedBytes below this many free bytes mutations are refused; 0 = never
     */
    public DiskSpaceGuard(String nodeName, List<Path> dirs, long reservedBytes, FreeSpaceProbe probe) {
        if (reservedBytes < 0 || dirs.isEmpty()) {
            throw new IllegalArgumentException("a disk space guard needs directories and a reserve >= 0");
        }
        this.nodeName = nodeName;
        this.dirs = List.copyOf(dirs);
        this.reservedBytes = reservedBytes;
        this.probe = probe;
    }

    /** A guard that asks each directory's file store for its usable space. */
    public static DiskSpaceGuard ofFileStores(String nodeName, List<Path> dirs, long reservedBytes) {
        return new DiskSpaceGuard(nodeName, dirs, reservedBytes, dir -> Files.getFileStore(dir).getUsableSpace());
    }

    /** Measures every directory again; logs when mutations start or stop being refused. */
    public void check() {
        Reading least = null;
        for (Path dir : dirs) {
            long usable;
            try {
                usable = probe.usableBytes(dir);
            } catch (IOException e) {
                // Not created yet, or being replaced (a snapshot install): judged on the others.
                LOG.debug("cannot measure free space of {}: {}", dir, e.toString());
                continue;
            }
            if (least == null || usable < least.usableBytes()) {
                least = new Reading(dir, usable);
            }
        }
        if (least == null) {
            return; // nothing measurable: keep the last judgement
        }
        boolean nowLow = reservedBytes > 0 && least.usableBytes() < reservedBytes;
        lowest = least;
        if (nowLow != low) {
            low = nowLow;
            if (nowLow) {
                LOG.warn("{}: {} free under {}, below the reserve of {}: refusing changes to the namespace until"
                        + " space is freed", nodeName, mib(least.usableBytes()), least.dir(), mib(reservedBytes));
            } else {
                LOG.info("{}: {} free under {}: accepting changes to the namespace again", nodeName,
                        mib(least.usableBytes()), least.dir());
            }
        }
    }

    /** Throws METADATA_DISK_FULL while the last check found a directory below the reserve. */
    public void admitMutation() throws HydraException {
        if (!low) {
            return;
        }
        Reading r = lowest;
        throw new HydraException(ErrorCode.METADATA_DISK_FULL, nodeName + " refuses changes to the namespace: "
                + mib(r.usableBytes()) + " free under " + r.dir() + ", below its reserve of " + mib(reservedBytes)
                + " (hydra.meta.disk.reserved.bytes). Free space on that disk; reads still work.");
    }

    /** Whether mutations are refused now. */
    public boolean isLow() {
        return low;
    }

    /** The least free space among the directories at the last check, or -1 before any could be measured. */
    public long usableBytes() {
        Reading r = lowest;
        return r == null ? -1 : r.usableBytes();
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
