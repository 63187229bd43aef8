package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.ContentSummaryProto;
import io.hydrafs.protocol.meta.DirectoryQuotaProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * getContentSummary: totals over a subtree. Directory count includes the directory itself;
 * length is the sum of file lengths; space consumed is length x replication per file. Every
 * directory of the subtree needs READ+EXECUTE (HDFS's subAccess), since the walk lists them.
 * A directory with a quota also reports its limits and the usage they are checked against
 * (which counts a file being written with its last block whole, see {@link Quotas}).
 *
 * <p>Cost: reads the whole subtree, one page of entries at a time so a huge directory does not
 * sit in memory at once. It is a read: it never holds up writes, but a summary of the root of a
 * large namespace is as slow as the namespace is big.
 */
final class ContentSummaryOp {
    private static final int PAGE = 1024;

    private ContentSummaryOp() {
    }

    static ContentSummaryProto apply(OpContext ctx, String path) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(path);
        Totals t = new Totals();
        InodeProto top = rp.last();
        if (top.getType() != InodeType.DIRECTORY) {
            t.addFile(top);
            return t.toProto();
        }
        Deque<InodeProto> dirs = new ArrayDeque<>();
        Deque<String> dirPaths = new ArrayDeque<>();
        dirs.push(top);
        dirPaths.push(rp.path());
        if (top.hasQuota()) {
            t.quota = top.getQuota();
        }
        while (!dirs.isEmpty()) {
            InodeProto dir = dirs.pop();
            String dirPath = dirPaths.pop();
            ctx.access.check(dir, dirPath, Access.READ_EXECUTE);
            t.directories++;
            DirectoryEntries.forEach(ctx.reader, dir.getId(), PAGE, e -> {
                InodeProto child = InodeTable.require(ctx.reader, e.childId());
                if (child.getType() == InodeType.DIRECTORY) {
                    dirs.push(child);
                    dirPaths.push(PathNames.child(dirPath, e.name()));
                } else {
                    t.addFile(child);
                }
            });
        }
        return t.toProto();
    }

    private static final class Totals {
        long length;
        long files;
        long directories;
        long spaceConsumed;
        DirectoryQuotaProto quota;

        void addFile(InodeProto file) {
            files++;
            length += file.getLength();
            spaceConsumed += file.getLength() * file.getReplication();
        }

        ContentSummaryProto toProto() {
            ContentSummaryProto.Builder b = ContentSummaryProto.newBuilder()
                    .setLength(length)
                    .setFileCount(files)
                    .setDirectoryCount(directories)
                    .setSpaceConsumed(spaceConsumed);
            if (quota != null) {
                b.setQuota(quota);
            }
            return b.build();
        }
    }
}
