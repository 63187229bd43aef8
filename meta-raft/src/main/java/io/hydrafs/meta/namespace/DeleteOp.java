package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.DeleteRequest;
import io.hydrafs.protocol.meta.DeleteResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * delete(path, recursive).
 *
 * <p>Nothing at the path is deleted=false, not an error; the root is CANNOT_DELETE_ROOT; a
 * non-empty directory without recursive is DIRECTORY_NOT_EMPTY. The parent needs
 * WRITE+EXECUTE (and its sticky bit is honoured). A recursive delete also needs WRITE+EXECUTE on
 * every non-empty directory of the subtree, the directory itself included, since it removes
 * their entries (HDFS asks for rwx there; read access adds nothing to a removal, so the rule
 * here is the narrower W+X).
 *
 * <p>All checks run over the whole subtree before the first write, so a denied delete writes
 * nothing. Everything under the path goes: inodes, directory entries, BLOCKS entries of the
 * files (reported removed), LEASES entries of files being written (a file under lease recovery
 * may be deleted too: the recovery's commit then finds no file).
 *
 * <p>Limit: the whole subtree is removed in one apply, holding every inode of it in memory and
 * adding a key deletion per inode, entry and block to the batch. A delete of millions of inodes
 * makes one very large Raft entry's batch; HDFS has the same shape (it frees blocks
 * incrementally afterwards). Splitting huge deletes (e.g. moving the subtree to a trash
 * directory and reclaiming it in later entries) is left for when it is needed.
 */
final class DeleteOp {
    private DeleteOp() {
    }

    static DeleteResponse apply(OpContext ctx, DeleteRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolve(req.getPath());
        if (rp.isRoot()) {
            throw new HydraException(ErrorCode.CANNOT_DELETE_ROOT, "cannot delete the root directory /");
        }
        InodeProto parent = rp.parent();
        if (parent == null) {
            return deleted(false);
        }
        ctx.access.check(parent, rp.parentPath(), Access.WRITE_EXECUTE);
        if (!rp.exists()) {
            return deleted(false);
        }
        InodeProto target = rp.last();
        ctx.access.checkStickyBit(parent, rp.parentPath(), target, rp.path());
        if (target.getType() == InodeType.DIRECTORY && target.getChildCount() > 0 && !req.getRecursive()) {
            throw new HydraException(ErrorCode.DIRECTORY_NOT_EMPTY,
                    "cannot delete " + rp.path() + ": the directory is not empty and recursive is false");
        }
        List<InodeProto> subtree = collectSubtree(ctx, target, rp.path());
        Quotas.Usage freed = Quotas.Usage.ZERO;
        for (InodeProto inode : subtree) {
            remove(ctx, inode);
            freed = freed.plus(Quotas.usageOfInode(inode));
        }
        InodeTable.put(ctx.writer(), parent.toBuilder()
                .setChildCount(parent.getChildCount() - 1)
                .setMtimeMs(ctx.nowMs())
                .build());
        Quotas.charge(ctx, rp, rp.depth(), freed.negated());
        return deleted(true);
    }

    /** The target and everything below it, checking access on each non-empty directory first. */
    private static List<InodeProto> collectSubtree(OpContext ctx, InodeProto target, String path)
            throws HydraException {
        List<InodeProto> all = new ArrayList<>();
        Deque<InodeProto> dirs = new ArrayDeque<>();
        Deque<String> dirPaths = new ArrayDeque<>();
        all.add(target);
        if (target.getType() == InodeType.DIRECTORY) {
            dirs.push(target);
            dirPaths.push(path);
        }
        while (!dirs.isEmpty()) {
            InodeProto dir = dirs.pop();
            String dirPath = dirPaths.pop();
            if (dir.getChildCount() == 0) {
                continue;
            }
            ctx.access.check(dir, dirPath, Access.WRITE_EXECUTE);
            for (DirectoryEntries.Entry e : DirectoryEntries.listAll(ctx.reader, dir.getId())) {
                InodeProto child = InodeTable.require(ctx.reader, e.childId());
                all.add(child);
                if (child.getType() == InodeType.DIRECTORY) {
                    dirs.push(child);
                    dirPaths.push(PathNames.child(dirPath, e.name()));
                }
            }
        }
        return all;
    }

    private static void remove(OpContext ctx, InodeProto inode) {
        DirectoryEntries.delete(ctx.writer(), inode.getParentId(), inode.getName());
        InodeTable.delete(ctx.writer(), inode.getId());
        BlockIndex.removeAll(ctx, inode);
        if (inode.getUnderConstruction()) {
            LeaseTable.delete(ctx.writer(), inode.getLeaseHolder(), inode.getId());
        }
    }

    private static DeleteResponse deleted(boolean deleted) {
        return DeleteResponse.newBuilder().setDeleted(deleted).build();
    }
}
