package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AppendRequest;
import io.hydrafs.protocol.meta.AppendResponse;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.LocatedBlockProto;

/**
 * append: reopens a closed file for writing under the caller's lease (HDFS semantics).
 *
 * <p>Checks: the file exists (FILE_NOT_FOUND) and is a file (IS_A_DIRECTORY); the caller needs
 * WRITE on it; a file under lease recovery is RECOVERY_IN_PROGRESS (retryable); a file being
 * written is ALREADY_BEING_CREATED, even by the same client (as HDFS: one open stream per file).
 *
 * <p>When the last block is partial (0 &lt; num_bytes &lt; block size) the writer continues in it:
 * the block gets a new generation stamp now, in the log, so that the replicas reopened for append
 * are told apart from any copy that misses the appended bytes. The answer carries the block (new
 * stamp, recorded length) and its offset; its targets are left for the leader to fill in from its
 * replica locations. A full last block, or none, means the writer starts with addBlock.
 * The file's mtime changes when it is closed again, not here.
 */
final class AppendOp {
    private AppendOp() {
    }

    static AppendResponse apply(OpContext ctx, AppendRequest req) throws HydraException {
        String client = FileArguments.clientName(req.getClientName(), req.getPath());
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto file = OpenFiles.requireFile(rp);
        ctx.access.check(file, rp.path(), Access.WRITE);
        OpenFiles.checkNotInRecovery(file, rp.path(), "append to");
        if (file.getUnderConstruction()) {
            throw new HydraException(ErrorCode.ALREADY_BEING_CREATED, "cannot append to " + rp.path() + " for "
                    + client + ": it is already being written by " + file.getLeaseHolder());
        }

        // a new generation stamp does not change the space: check before the counter is written
        Quotas.check(ctx, rp, rp.depth(), Quotas.fileDelta(file, file.toBuilder().setUnderConstruction(true).build()));
        InodeProto.Builder reopened = file.toBuilder();
        AppendResponse.Builder answer = AppendResponse.newBuilder();
        if (file.getBlocksCount() > 0 && isPartial(file, OpenFiles.lastBlock(file))) {
            BlockProto last = OpenFiles.lastBlock(file).toBuilder()
                    .setGenerationStamp(Counters.allocateGenerationStamp(ctx.writer()))
                    .build();
            reopened = OpenFiles.withLastBlock(file, last);
            answer.setLast(LocatedBlockProto.newBuilder().setBlock(last).setOffset(OpenFiles.lastBlockOffset(file)));
        }
        OpenFiles.transferLease(ctx, file, client);
        InodeProto written = reopened.setUnderConstruction(true).setLeaseHolder(client).build();
        InodeTable.put(ctx.writer(), written);
        Quotas.fileChanged(ctx, rp, file, written);
        return answer.setStatus(FileStatuses.of(written, rp.path())).build();
    }

    private static boolean isPartial(InodeProto file, BlockProto block) {
        return block.getNumBytes() > 0 && block.getNumBytes() < file.getBlockSize();
    }
}
