package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.CompleteResponse;
import io.hydrafs.protocol.meta.InodeProto;

/**
 * complete: the lease holder closes the file, reporting the final length of its last block.
 *
 * <p>Completing a file that is already closed answers completed=true when {@code last} names its
 * last block: that is a client repeating a close whose answer it lost (HDFS does the same; the
 * retry cache covers most repeats, this covers the rest). Otherwise NOT_UNDER_CONSTRUCTION.
 *
 * <p>Unlike HDFS, completing does not wait for the blocks to reach minimum replication: replica
 * locations are soft state outside the namespace rules (a later step of the write path).
 */
final class CompleteOp {
    private CompleteOp() {
    }

    static CompleteResponse apply(OpContext ctx, CompleteRequest req) throws HydraException {
        String client = FileArguments.clientName(req.getClientName(), req.getPath());
        ResolvedPath rp = ctx.resolveFileOfWriter(req.getPath(), req.getFileId());
        InodeProto file = OpenFiles.requireFile(rp);
        BlockProto last = OpenFiles.given(req.hasLast(), req.getLast());
        if (!file.getUnderConstruction() && OpenFiles.isLastBlock(file, last)) {
            return CompleteResponse.newBuilder().setCompleted(true).build();
        }
        OpenFiles.checkLease(file, rp.path(), client);
        OpenFiles.requireLastBlock(file, last, rp.path(), "complete's last block");
        InodeProto closed = OpenFiles.close(ctx, OpenFiles.withLastBlockLength(file, last, rp.path()));
        Quotas.fileChanged(ctx, rp, file, closed);
        return CompleteResponse.newBuilder().setCompleted(true).build();
    }
}
