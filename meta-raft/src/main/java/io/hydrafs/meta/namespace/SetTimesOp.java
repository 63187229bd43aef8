package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.SetTimesRequest;

/**
 * setTimes: sets mtime and/or atime (-1 = unchanged) to values the client chose (e.g. to
 * preserve them on copy). Needs WRITE on the inode, or ownership of it.
 */
final class SetTimesOp {
    private SetTimesOp() {
    }

    static EmptyResponse apply(OpContext ctx, SetTimesRequest req) throws HydraException {
        if (req.getMtimeMs() < -1 || req.getAtimeMs() < -1) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "setTimes of " + req.getPath() + ": times must be"
                    + " >= 0 or -1 (unchanged), got mtime " + req.getMtimeMs() + ", atime " + req.getAtimeMs());
        }
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto inode = rp.last();
        if (!ctx.access.isOwner(inode)) {
            ctx.access.check(inode, rp.path(), Access.WRITE);
        }
        InodeProto.Builder b = inode.toBuilder();
        if (req.getMtimeMs() != -1) {
            b.setMtimeMs(req.getMtimeMs());
        }
        if (req.getAtimeMs() != -1) {
            b.setAtimeMs(req.getAtimeMs());
        }
        InodeTable.put(ctx.writer(), b.build());
        return EmptyResponse.getDefaultInstance();
    }
}
