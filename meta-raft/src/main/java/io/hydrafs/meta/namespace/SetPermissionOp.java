package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.SetPermissionRequest;

/** setPermission: the owner or the superuser sets the mode bits (07777: rwx triplets and sticky bit). */
final class SetPermissionOp {
    private SetPermissionOp() {
    }

    static EmptyResponse apply(OpContext ctx, SetPermissionRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto inode = rp.last();
        ctx.access.checkOwner(inode, rp.path());
        InodeTable.put(ctx.writer(), inode.toBuilder().setPermission(req.getPermission() & 07777).build());
        return EmptyResponse.getDefaultInstance();
    }
}
