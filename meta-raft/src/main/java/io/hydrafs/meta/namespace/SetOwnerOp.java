package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.SetOwnerRequest;

/**
 * setOwner, as HDFS: only the owner or the superuser may call it; only the superuser may give
 * the inode to another user; the owner may change the group to one it belongs to. An empty
 * owner or group means unchanged; both empty is INVALID_ARGUMENT.
 */
final class SetOwnerOp {
    private SetOwnerOp() {
    }

    static EmptyResponse apply(OpContext ctx, SetOwnerRequest req) throws HydraException {
        String owner = req.getOwner();
        String group = req.getGroup();
        if (owner.isEmpty() && group.isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT,
                    "setOwner of " + req.getPath() + " names neither an owner nor a group");
        }
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto inode = rp.last();
        ctx.access.checkOwner(inode, rp.path());
        if (!ctx.access.isSuperuser()) {
            if (!owner.isEmpty() && !owner.equals(inode.getOwner())) {
                throw ctx.access.denied("is not a superuser: cannot change the owner of " + rp.path()
                        + " to " + owner);
            }
            if (!group.isEmpty() && !ctx.access.isMemberOf(group)) {
                throw ctx.access.denied("does not belong to group " + group + ": cannot give " + rp.path()
                        + " to it");
            }
        }
        InodeProto.Builder b = inode.toBuilder();
        if (!owner.isEmpty()) {
            b.setOwner(owner);
        }
        if (!group.isEmpty()) {
            b.setGroup(group);
        }
        InodeTable.put(ctx.writer(), b.build());
        return EmptyResponse.getDefaultInstance();
    }
}
