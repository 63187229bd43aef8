package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.RecoverLeaseRequest;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;

/**
 * Closing a file whose writer is gone, whoever holds its lease.
 *
 * <p>recover_lease comes from a client (needs WRITE on the file, as HDFS); expire_lease comes
 * from the leader when the holder's hard limit passed (no permission check). Both close the file
 * at the lengths its blocks have recorded, and answer closed=true; a file already closed is
 * closed=true with no write. Block recovery (finding the true length of the last block on the
 * blockstores first) comes with the write pipeline.
 *
 * <p>expire_lease names the expired holder: if the file now has another holder (the leader's
 * soft state was stale), it is left alone and the answer is closed=false.
 */
final class LeaseRecoveryOp {
    private LeaseRecoveryOp() {
    }

    static RecoverLeaseResponse recover(OpContext ctx, RecoverLeaseRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto file = OpenFiles.requireFile(rp);
        ctx.access.check(file, rp.path(), Access.WRITE);
        if (file.getUnderConstruction()) {
            OpenFiles.close(ctx, file.toBuilder());
        }
        return closed(true);
    }

    static RecoverLeaseResponse expire(OpContext ctx, RecoverLeaseRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto file = OpenFiles.requireFile(rp);
        if (!file.getUnderConstruction()) {
            return closed(true);
        }
        String expiredHolder = req.getClientName();
        if (!expiredHolder.isEmpty() && !expiredHolder.equals(file.getLeaseHolder())) {
            return closed(false);
        }
        OpenFiles.close(ctx, file.toBuilder());
        return closed(true);
    }

    private static RecoverLeaseResponse closed(boolean closed) {
        return RecoverLeaseResponse.newBuilder().setClosed(closed).build();
    }
}
