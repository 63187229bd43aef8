package io.hydrafs.ops.admin;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.LocatedBlockProto;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * {@code hydra admin fsck PATH}: walks the tree under a path as any client would (listings
 * page by page, then each file's block locations) and judges every block ({@link BlockHealth}).
 * It reads what the leader knows now, no blockstore is asked: a replica the leader counts may
 * still fail a read. Prints one line per file and one per unhealthy block; directories are
 * walked depth first without recursion, so a deep tree cannot overflow the stack.
 */
public final class Fsck {
    private final HydraFileSystem fs;
    private final PrintWriter out;

    public Fsck(HydraFileSystem fs, PrintWriter out) {
        this.fs = fs;
        this.out = out;
    }

    public FsckSummary run(String path) throws HydraException {
        FsckSummary summary = new FsckSummary(path);
        Deque<FileStatus> pending = new ArrayDeque<>();
        pending.push(fs.getFileStatus(path));
        while (!pending.isEmpty()) {
            FileStatus status = pending.pop();
            if (status.isDirectory()) {
                summary.directory();
                Deque<FileStatus> children = new ArrayDeque<>();
                try {
                    Iterator<FileStatus> it = fs.listStatusIterator(status.path());
                    while (it.hasNext()) {
                        children.push(it.next());
                    }
                } catch (UncheckedIOException e) {
                    if (e.getCause() instanceof HydraException h) {
                        throw h;
                    }
                    throw e;
                }
                children.forEach(pending::push); // pushed reversed: popped in listing order
            } else {
                checkFile(status, summary);
            }
        }
        return summary;
    }

    private void checkFile(FileStatus file, FsckSummary summary) throws HydraException {
        summary.file(file.length());
        GetBlockLocationsResponse located = fs.meta().getBlockLocations(file.path(), 0, 0); // 0: to the end
        int bad = 0;
        StringBuilder detail = new StringBuilder();
        for (LocatedBlockProto block : located.getBlocksList()) {
            BlockHealth health = BlockHealth.classify(block, file.replication());
            summary.block(health);
            if (health.kind() != BlockHealth.Kind.HEALTHY) {
                bad++;
                detail.append(String.format("%n  block %d (%d B at %d): %s %s", block.getBlock().getBlockId(),
                        block.getBlock().getNumBytes(), block.getOffset(), health.label(), block.getTargetsList()));
            }
        }
        out.println(file.path() + " " + file.length() + " B, " + located.getBlocksCount() + " block(s), replication "
                + file.replication() + ": " + (bad == 0 ? "HEALTHY" : bad + " unhealthy block(s)") + detail);
    }
}
