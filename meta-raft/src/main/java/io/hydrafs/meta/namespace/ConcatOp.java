package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.ConcatRequest;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.InodeProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * concat(target, srcs), with HDFS's rules: the sources' blocks are appended, in the order given,
 * to the target's block list, and the sources are deleted. No byte is copied: the blocks change
 * owner, so it costs a constant number of keys per source and per block.
 *
 * <p>Checks, all before the first write:
 * <ul>
 *   <li>At least one source (INVALID_ARGUMENT).</li>
 *   <li>The target exists (FILE_NOT_FOUND), is a file (IS_A_DIRECTORY) and is closed
 *       (INVALID_ARGUMENT while it is being written); the caller needs WRITE on it.</li>
 *   <li>Each source exists and is a file, as the target; it is in the target's directory, is not
 *       the target, appears once, is closed and has at least one block, and its block size is
 *       not larger than the target's (INVALID_ARGUMENT for these, as HDFS's
 *       HadoopIllegalArgumentException). The caller needs READ on it, and WRITE on the directory
 *       (whose sticky bit is honoured), since the source leaves it.</li>
 * </ul>
 *
 * <p>The target's blocks then include partial blocks in the middle (each source's last one):
 * readers find a block's offset by adding the lengths of the blocks before it, and an append
 * continues only in a partial last block. The moved blocks take the target's replication; the
 * leader's replication monitor is told the target changed (see LogEntryApplier), as after
 * setReplication. The target's and the directory's mtimes become the batch time.
 */
final class ConcatOp {
    private ConcatOp() {
    }

    static EmptyResponse apply(OpContext ctx, ConcatRequest req) throws HydraException {
        if (req.getSrcsCount() == 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "concat into " + req.getTarget()
                    + ": no source files given");
        }
        ResolvedPath target = ctx.resolveExisting(req.getTarget());
        InodeProto targetFile = OpenFiles.requireFile(target);
        ctx.access.check(targetFile, target.path(), Access.WRITE);
        if (targetFile.getUnderConstruction()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "concat into " + target.path()
                    + ": the target is being written by " + targetFile.getLeaseHolder());
        }
        InodeProto dir = target.parent();
        ctx.access.check(dir, target.parentPath(), Access.WRITE_EXECUTE);

        List<InodeProto> sources = new ArrayList<>(req.getSrcsCount());
        Set<Long> seen = new HashSet<>();
        for (String path : req.getSrcsList()) {
            ResolvedPath src = ctx.resolveExisting(path);
            InodeProto file = OpenFiles.requireFile(src);
            checkSource(target, targetFile, src, file);
            ctx.access.check(file, src.path(), Access.READ);
            ctx.access.checkStickyBit(dir, target.parentPath(), file, src.path());
            if (!seen.add(file.getId())) {
                throw invalid(target, src, "it is given more than once");
            }
            sources.add(file);
        }

        // the blocks stay in the directory but take the target's replication
        long space = 0;
        for (InodeProto src : sources) {
            space += src.getLength() * targetFile.getReplication() - Quotas.spaceOf(src);
        }
        Quotas.Usage change = new Quotas.Usage(-sources.size(), space);
        Quotas.check(ctx, target, target.depth(), change);

        InodeProto.Builder joined = targetFile.toBuilder().setMtimeMs(ctx.nowMs());
        long length = targetFile.getLength();
        for (InodeProto src : sources) {
            for (BlockProto b : src.getBlocksList()) {
                BlockIndex.put(ctx.writer(), b.getBlockId(), targetFile.getId());
                joined.addBlocks(b);
            }
            length += src.getLength();
            DirectoryEntries.delete(ctx.writer(), dir.getId(), src.getName());
            InodeTable.delete(ctx.writer(), src.getId());
        }
        InodeProto written = joined.setLength(length).build();
        InodeTable.put(ctx.writer(), written);
        InodeTable.put(ctx.writer(), dir.toBuilder()
                .setChildCount(dir.getChildCount() - sources.size())
                .setMtimeMs(ctx.nowMs())
                .build());
        Invariants.check(change.space() == Quotas.spaceOf(written) - Quotas.spaceOf(targetFile)
                - sources.stream().mapToLong(Quotas::spaceOf).sum(), "concat's space change miscounted");
        Quotas.charge(ctx, target, target.depth(), change);
        return EmptyResponse.getDefaultInstance();
    }

    private static void checkSource(ResolvedPath target, InodeProto targetFile, ResolvedPath src, InodeProto file)
            throws HydraException {
        if (file.getParentId() != targetFile.getParentId()) {
            throw invalid(target, src, "it is not in the target's directory " + target.parentPath());
        }
        if (file.getId() == targetFile.getId()) {
            throw invalid(target, src, "it is the target itself");
        }
        if (file.getUnderConstruction()) {
            throw invalid(target, src, "it is being written by " + file.getLeaseHolder());
        }
        if (file.getBlocksCount() == 0) {
            throw invalid(target, src, "it is empty");
        }
        if (file.getBlockSize() > targetFile.getBlockSize()) {
            throw invalid(target, src, "its block size " + file.getBlockSize()
                    + " is larger than the target's " + targetFile.getBlockSize());
        }
    }

    private static HydraException invalid(ResolvedPath target, ResolvedPath src, String why) {
        return new HydraException(ErrorCode.INVALID_ARGUMENT, "concat of " + src.path() + " into "
                + target.path() + ": " + why);
    }
}
