package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.AddBlockResponse;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;

import java.util.List;

/**
 * addBlock: the lease holder finished the previous block (if any) and asks for the next one.
 * {@code previous} must name the file's current last block (or be absent when it has none) and
 * carries that block's final length. The targets were chosen by the leader's placement policy
 * before proposing (MetaOp.chosen_targets); none means no blockstore could take the block.
 * The new block gets the next block id and generation stamp, num_bytes 0, and a BLOCKS entry.
 */
final class AddBlockOp {
    private AddBlockOp() {
    }

    static AddBlockResponse apply(OpContext ctx, AddBlockRequest req, List<String> chosenTargets)
            throws HydraException {
        String client = FileArguments.clientName(req.getClientName(), req.getPath());
        ResolvedPath rp = ctx.resolveFileOfWriter(req.getPath(), req.getFileId());
        InodeProto file = OpenFiles.requireFile(rp);
        OpenFiles.checkLease(file, rp.path(), client);
        BlockProto previous = OpenFiles.given(req.hasPrevious(), req.getPrevious());
        OpenFiles.requireLastBlock(file, previous, rp.path(), "addBlock's previous block");
        InodeProto.Builder updated = OpenFiles.withLastBlockLength(file, previous, rp.path());
        if (chosenTargets.isEmpty()) {
            throw new HydraException(ErrorCode.NOT_ENOUGH_BLOCKSTORES, "no blockstore available for a new block of "
                    + rp.path());
        }

        // a new block's space does not depend on its id: check before the counters are written
        Quotas.Usage reserved = Quotas.fileDelta(file, updated.clone().addBlocks(BlockProto.getDefaultInstance()).build());
        Quotas.check(ctx, rp, rp.depth(), reserved);
        long offset = OpenFiles.totalLength(updated.getBlocksList());
        BlockProto block = BlockProto.newBuilder()
                .setBlockId(Counters.allocateBlockId(ctx.writer()))
                .setGenerationStamp(Counters.allocateGenerationStamp(ctx.writer()))
                .setNumBytes(0)
                .build();
        InodeProto written = updated.addBlocks(block).setLength(offset).build();
        InodeTable.put(ctx.writer(), written);
        Quotas.fileChanged(ctx, rp, file, written);
        BlockIndex.put(ctx.writer(), block.getBlockId(), file.getId());
        return AddBlockResponse.newBuilder()
                .setBlock(LocatedBlockProto.newBuilder().setBlock(block).setOffset(offset).addAllTargets(chosenTargets))
                .build();
    }
}
