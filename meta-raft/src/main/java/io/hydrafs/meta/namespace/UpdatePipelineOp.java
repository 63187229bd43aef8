package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import io.hydrafs.protocol.meta.UpdatePipelineRequest;
import io.hydrafs.protocol.meta.UpdatePipelineResponse;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * updatePipeline: the lease holder lost a blockstore of its write pipeline and goes on with the
 * survivors. The block must be the file's last one (INVALID_BLOCK) and carry its current
 * generation stamp (STALE_GENERATION_STAMP: the writer acts on an outdated view, e.g. after an
 * earlier updatePipeline whose answer it lost). The block gets a new stamp, so replicas left out
 * of the new pipeline become stale; the recorded length becomes the larger of the recorded one
 * and the bytes the writer says were acked (a retry never shrinks it).
 *
 * <p>The new targets are only echoed back (the namespace stores no locations): they must be a
 * non-empty list of distinct, non-empty blockstore ids (INVALID_ARGUMENT).
 */
final class UpdatePipelineOp {
    private UpdatePipelineOp() {
    }

    static UpdatePipelineResponse apply(OpContext ctx, UpdatePipelineRequest req) throws HydraException {
        String client = FileArguments.clientName(req.getClientName(), req.getPath());
        checkTargets(req.getTargetsList(), req.getPath());
        ResolvedPath rp = ctx.resolveFileOfWriter(req.getPath(), req.getFileId());
        InodeProto file = OpenFiles.requireFile(rp);
        OpenFiles.checkLease(file, rp.path(), client);
        BlockProto claimed = OpenFiles.given(req.hasBlock(), req.getBlock());
        if (claimed == null) {
            throw new HydraException(ErrorCode.INVALID_BLOCK, "updatePipeline of " + rp.path() + " names no block");
        }
        OpenFiles.requireLastBlock(file, claimed, rp.path(), "updatePipeline");
        BlockProto current = OpenFiles.lastBlock(file);
        if (claimed.getGenerationStamp() != current.getGenerationStamp()) {
            throw new HydraException(ErrorCode.STALE_GENERATION_STAMP, "updatePipeline of block "
                    + current.getBlockId() + " of " + rp.path() + " with stamp " + claimed.getGenerationStamp()
                    + ", but its current stamp is " + current.getGenerationStamp());
        }
        OpenFiles.checkBlockLength(file, claimed, rp.path());

        BlockProto updated = current.toBuilder()
                .setGenerationStamp(Counters.allocateGenerationStamp(ctx.writer()))
                .setNumBytes(Math.max(current.getNumBytes(), claimed.getNumBytes()))
                .build();
        InodeTable.put(ctx.writer(), OpenFiles.withLastBlock(file, updated).build());
        return UpdatePipelineResponse.newBuilder().setBlock(LocatedBlockProto.newBuilder()
                .setBlock(updated)
                .setOffset(OpenFiles.lastBlockOffset(file))
                .addAllTargets(req.getTargetsList())).build();
    }

    private static void checkTargets(List<String> targets, String path) throws HydraException {
        if (targets.isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "updatePipeline of " + path + " names no target");
        }
        Set<String> seen = new HashSet<>();
        for (String t : targets) {
            if (t.isEmpty() || !seen.add(t)) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "updatePipeline of " + path
                        + " names an empty or repeated target: " + targets);
            }
        }
    }
}
