package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;
import io.hydrafs.protocol.meta.TruncateRequest;

import java.util.List;

/**
 * truncate(path, newLength), with HDFS's semantics: the file keeps its first newLength bytes.
 *
 * <p>Checks: a closed file (IS_A_DIRECTORY, ALREADY_BEING_CREATED while written,
 * RECOVERY_IN_PROGRESS while its lease is recovered); WRITE on it; a new length no larger than
 * the current one (INVALID_ARGUMENT: truncate never grows a file).
 *
 * <p>Blocks wholly past the new length leave the namespace (reported removed, so their replicas
 * are deleted). When the new length falls on a block boundary that is all: the file stays closed
 * with the new length, and the answer is closed=true, as HDFS's true. Otherwise the block it
 * falls in must lose its tail on the blockstores, which only block recovery can do: the block's
 * recorded length becomes its new one, and the file goes under recovery as in
 * {@link LeaseRecoveryOp} (new recovery stamp, lease to {@link LeaseHolders#RECOVERY}) with
 * recovery_truncates set, so the recovery cuts every replica to that length rather than agreeing
 * on what they hold. The answer is closed=false with the block and truncate=true (HDFS's false:
 * wait until the file is closed); commit_block_recovery closes it. Its length is the new length
 * from the start, as on HDFS. The mtime becomes the batch time.
 */
final class TruncateOp {
    private TruncateOp() {
    }

    static RecoverLeaseResponse apply(OpContext ctx, TruncateRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto file = OpenFiles.requireFile(rp);
        ctx.access.check(file, rp.path(), Access.WRITE);
        OpenFiles.checkNotInRecovery(file, rp.path(), "truncate");
        if (file.getUnderConstruction()) {
            throw new HydraException(ErrorCode.ALREADY_BEING_CREATED, "cannot truncate " + rp.path()
                    + ": it is being written by " + file.getLeaseHolder());
        }
        long newLength = req.getNewLength();
        if (newLength < 0 || newLength > file.getLength()) {  // uint64 on the wire: negative is past 2^63
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "cannot truncate " + rp.path() + " of "
                    + file.getLength() + " bytes to " + Long.toUnsignedString(newLength)
                    + ": truncate cannot make a file larger");
        }

        InodeProto.Builder truncated = file.toBuilder().clearBlocks().setLength(newLength).setMtimeMs(ctx.nowMs());
        List<BlockProto> blocks = file.getBlocksList();
        long start = 0;
        int i = 0;
        BlockProto cut = null;
        for (; i < blocks.size() && start < newLength; i++) {
            BlockProto b = blocks.get(i);
            long end = start + b.getNumBytes();
            if (end > newLength) {
                cut = b.toBuilder().setNumBytes(newLength - start).build();
                truncated.addBlocks(cut);
            } else {
                truncated.addBlocks(b);
            }
            start = end;
        }
        for (; i < blocks.size(); i++) {
            BlockIndex.remove(ctx, blocks.get(i));
        }
        if (cut == null) {
            InodeProto written = truncated.build();
            InodeTable.put(ctx.writer(), written);
            Quotas.fileChanged(ctx, rp, file, written);
            return RecoverLeaseResponse.newBuilder().setClosed(true).build();
        }
        long recoveryStamp = Counters.allocateGenerationStamp(ctx.writer());
        InodeProto recovering = truncated.setUnderConstruction(true)
                .setLeaseHolder(LeaseHolders.RECOVERY)
                .setRecoveryGenerationStamp(recoveryStamp)
                .setRecoveryStartedMs(ctx.nowMs())
                .setRecoveryTruncates(true)
                .build();
        OpenFiles.transferLease(ctx, file, LeaseHolders.RECOVERY);
        InodeTable.put(ctx.writer(), recovering);
        Quotas.fileChanged(ctx, rp, file, recovering);
        return RecoverLeaseResponse.newBuilder()
                .setClosed(false)
                .setRecovering(cut.toBuilder().setGenerationStamp(recoveryStamp))
                .setInodeId(file.getId())
                .setTruncate(true)
                .build();
    }
}
