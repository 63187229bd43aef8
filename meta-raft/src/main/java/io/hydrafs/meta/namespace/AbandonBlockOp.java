package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AbandonBlockRequest;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.InodeProto;

/**
 * abandonBlock: the lease holder could not set up a pipeline for the block it was just given and
 * drops it, to ask for another. Only the file's last block can be abandoned (INVALID_BLOCK
 * otherwise); its BLOCKS entry goes with it and it is reported removed (replicas may exist).
 */
final class AbandonBlockOp {
    private AbandonBlockOp() {
    }

    static EmptyResponse apply(OpContext ctx, AbandonBlockRequest req) throws HydraException {
        String client = FileArguments.clientName(req.getClientName(), req.getPath());
        ResolvedPath rp = ctx.resolveFileOfWriter(req.getPath(), req.getFileId());
        InodeProto file = OpenFiles.requireFile(rp);
        OpenFiles.checkLease(file, rp.path(), client);
        BlockProto block = OpenFiles.given(req.hasBlock(), req.getBlock());
        if (block == null) {
            throw new HydraException(ErrorCode.INVALID_BLOCK, "abandonBlock of " + rp.path() + " names no block");
        }
        OpenFiles.requireLastBlock(file, block, rp.path(), "abandonBlock");

        InodeProto.Builder b = file.toBuilder().removeBlocks(file.getBlocksCount() - 1);
        InodeProto written = b.setLength(OpenFiles.totalLength(b.getBlocksList())).build();
        InodeTable.put(ctx.writer(), written);
        Quotas.fileChanged(ctx, rp, file, written);
        BlockIndex.remove(ctx, OpenFiles.lastBlock(file));
        return EmptyResponse.getDefaultInstance();
    }
}
