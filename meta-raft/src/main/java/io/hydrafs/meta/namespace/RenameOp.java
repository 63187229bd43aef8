package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.RenameRequest;
import io.hydrafs.protocol.meta.RenameResponse;

import java.util.List;

/**
 * rename(src, dst) with HDFS FileSystem.rename semantics, where HDFS's "false" answers are
 * errors with a code.
 *
 * <p>If dst is an existing directory, src moves into it (final path dst/name(src)); otherwise dst
 * itself is the final path, and must not exist (FILE_ALREADY_EXISTS) while its parent must
 * (FILE_NOT_FOUND). A final path equal to src is a successful no-op (a file renamed onto itself,
 * or into the directory that already holds it); a final path inside src's subtree, or src the
 * root, is RENAME_INTO_SUBTREE. Both parents need WRITE+EXECUTE, and a sticky source parent
 * limits who may move the entry away.
 *
 * <p>Cost: a rename touches a constant number of keys whatever the size of the subtree it
 * moves, because children are keyed by their parent's inode id, which does not change: the old
 * and new directory entries, the moved inode (parent id and name), and the one or two parents
 * (child counts, mtime). Leases are keyed by inode id and follow the file.
 */
final class RenameOp {
    private RenameOp() {
    }

    static RenameResponse apply(OpContext ctx, RenameRequest req) throws HydraException {
        List<String> srcComponents = PathNames.parse(req.getSrc());
        List<String> dstComponents = PathNames.parse(req.getDst());
        if (srcComponents.isEmpty()) {
            throw new HydraException(ErrorCode.RENAME_INTO_SUBTREE, "cannot rename the root directory");
        }
        ResolvedPath src = ctx.resolve(srcComponents);
        ResolvedPath dst = ctx.resolve(dstComponents);

        if (src.parent() == null) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, "cannot rename " + src.path() + " to " + dst.path()
                    + ": the source " + src.path() + " does not exist");
        }
        ctx.access.check(src.parent(), src.parentPath(), Access.WRITE_EXECUTE);
        if (!src.exists()) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, "cannot rename " + src.path() + " to " + dst.path()
                    + ": the source " + src.path() + " does not exist");
        }
        ctx.access.checkStickyBit(src.parent(), src.parentPath(), src.last(), src.path());

        ResolvedPath target = dst.isDirectory() ? PathResolver.child(ctx.reader, ctx.access, dst, src.name()) : dst;
        if (target.components().equals(src.components())) {
            return RenameResponse.newBuilder().setFinalPath(src.path()).build();
        }
        if (target.isStrictlyInside(src)) {
            throw new HydraException(ErrorCode.RENAME_INTO_SUBTREE, "cannot rename " + src.path() + " to "
                    + target.path() + ": the destination is inside the source");
        }
        InodeProto dstParent = target.parent();
        if (dstParent == null) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, "cannot rename " + src.path() + " to "
                    + target.path() + ": the destination's parent " + target.parentPath() + " does not exist");
        }
        ctx.access.check(dstParent, target.parentPath(), Access.WRITE_EXECUTE);
        if (target.exists()) {
            throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS, "cannot rename " + src.path() + " to "
                    + target.path() + ": the destination already exists");
        }
        PathNames.checkNewNames(ctx.policy, target.components(), target.depth() - 1);

        Quotas.Usage moved = Quotas.checkMove(ctx, src, target, src.last());
        move(ctx, src, target);
        Quotas.chargeMove(ctx, src, target, moved);
        return RenameResponse.newBuilder().setFinalPath(target.path()).build();
    }

    private static void move(OpContext ctx, ResolvedPath src, ResolvedPath target) {
        InodeProto moved = src.last();
        InodeProto srcParent = src.parent();
        InodeProto dstParent = target.parent();
        long now = ctx.nowMs();

        DirectoryEntries.delete(ctx.writer(), srcParent.getId(), moved.getName());
        DirectoryEntries.put(ctx.writer(), dstParent.getId(), target.name(), moved.getId());
        InodeTable.put(ctx.writer(), moved.toBuilder().setParentId(dstParent.getId()).setName(target.name()).build());
        if (srcParent.getId() == dstParent.getId()) {
            InodeTable.put(ctx.writer(), srcParent.toBuilder().setMtimeMs(now).build());
        } else {
            InodeTable.put(ctx.writer(), srcParent.toBuilder()
                    .setChildCount(srcParent.getChildCount() - 1).setMtimeMs(now).build());
            InodeTable.put(ctx.writer(), dstParent.toBuilder()
                    .setChildCount(dstParent.getChildCount() + 1).setMtimeMs(now).build());
        }
    }
}
