package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.CommitBlockRecoveryRequest;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

/**
 * commitBlockRecovery: the primary blockstore of a lease recovery attempt reports the length the
 * replicas agreed on, and the file closes with it (the end of {@link LeaseRecoveryOp}'s attempt).
 *
 * <p>The request names the inode by id (the file may have been renamed meanwhile) and the block
 * with the attempt's stamp. It is accepted only for the current attempt: the file must be under
 * recovery with recovery_generation_stamp equal to the block's stamp, otherwise the attempt was
 * superseded (or the file closed or reopened since) and the answer is STALE_GENERATION_STAMP. A
 * commit repeated after it closed the file (same block id and stamp as the file's last block)
 * succeeds again without writing. The block must be the file's last (INVALID_BLOCK).
 *
 * <p>delete_block (no replica held any byte) drops the last block from the file and reports it
 * removed; otherwise the last block takes the recovery stamp and the agreed length. Either way
 * the file closes: its length is the sum of its blocks, the lease and the recovery stamp go. A
 * truncate's recovery ({@link TruncateOp}) must commit the length recorded for the block, no
 * other (INVALID_BLOCK).
 *
 * <p>Authorization: any authenticated caller may commit (as the leader's own expiry, no
 * permission bits apply: the caller is a blockstore, not a user of the file). The stamp check is
 * what keeps a stray commit from closing a file wrongly; restricting the call to blockstore
 * identities is for when the RPC layer authenticates peers.
 */
final class CommitBlockRecoveryOp {
    private CommitBlockRecoveryOp() {
    }

    static EmptyResponse apply(OpContext ctx, CommitBlockRecoveryRequest req) throws HydraException {
        BlockProto committed = OpenFiles.given(req.hasBlock(), req.getBlock());
        if (committed == null) {
            throw new HydraException(ErrorCode.INVALID_BLOCK, "commitBlockRecovery of inode " + req.getInodeId()
                    + " names no block");
        }
        InodeProto file = InodeTable.get(ctx.reader, req.getInodeId());
        if (file == null) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, "commitBlockRecovery of block "
                    + committed.getBlockId() + ": inode " + req.getInodeId() + " does not exist");
        }
        String path = InodePaths.pathOf(ctx.reader, file.getId());
        if (file.getType() != InodeType.FILE) {
            throw new HydraException(ErrorCode.IS_A_DIRECTORY, path + " is a directory, not a file");
        }
        if (!file.getUnderConstruction() && isCommitted(file, committed)) {
            return EmptyResponse.getDefaultInstance();
        }
        if (file.getRecoveryGenerationStamp() == 0
                || file.getRecoveryGenerationStamp() != committed.getGenerationStamp()) {
            String state = file.getRecoveryGenerationStamp() == 0 ? "is not under lease recovery"
                    : "is being recovered with stamp " + file.getRecoveryGenerationStamp();
            throw new HydraException(ErrorCode.STALE_GENERATION_STAMP, "commitBlockRecovery of block "
                    + committed.getBlockId() + " with stamp " + committed.getGenerationStamp() + ": " + path + " "
                    + state);
        }
        OpenFiles.requireLastBlock(file, committed, path, "commitBlockRecovery");

        BlockProto last = OpenFiles.lastBlock(file);
        InodeProto.Builder closing;
        if (req.getDeleteBlock()) {
            closing = file.toBuilder().removeBlocks(file.getBlocksCount() - 1);
            BlockIndex.remove(ctx, last);
        } else {
            OpenFiles.checkBlockLength(file, committed, path);
            if (file.getRecoveryTruncates() && committed.getNumBytes() != last.getNumBytes()) {
                throw new HydraException(ErrorCode.INVALID_BLOCK, "commitBlockRecovery of block "
                        + committed.getBlockId() + " of " + path + ": a truncate cuts it to " + last.getNumBytes()
                        + " bytes, not " + committed.getNumBytes());
            }
            closing = OpenFiles.withLastBlock(file, last.toBuilder()
                    .setGenerationStamp(committed.getGenerationStamp())
                    .setNumBytes(committed.getNumBytes())
                    .build());
        }
        Quotas.fileChangedById(ctx, file, OpenFiles.close(ctx, closing));
        return EmptyResponse.getDefaultInstance();
    }

    private static boolean isCommitted(InodeProto file, BlockProto committed) {
        return OpenFiles.isLastBlock(file, committed)
                && OpenFiles.lastBlock(file).getGenerationStamp() == committed.getGenerationStamp();
    }
}
