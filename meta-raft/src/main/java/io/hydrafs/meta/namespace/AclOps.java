package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AclEntryProto;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.GetAclStatusResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.UpdateAclRequest;

import java.util.List;

/**
 * HDFS's ACL calls: modifyAclEntries, removeAclEntries, removeDefaultAcl, removeAcl and setAcl
 * (one UpdateAclRequest each, told apart by its kind), and getAclStatus.
 *
 * <p>Only the owner or the superuser changes an ACL (HDFS's checkOwner); the mtime stays, as in
 * HDFS. getAclStatus needs traverse access only, as getFileStatus. The rules of the entries are
 * {@link Acls}'.
 */
final class AclOps {
    private AclOps() {
    }

    static EmptyResponse update(OpContext ctx, UpdateAclRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto inode = rp.last();
        ctx.access.checkOwner(inode, rp.path());
        List<AclEntryProto> existing = Acls.logical(inode);
        List<AclEntryProto> updated = switch (req.getUpdate()) {
            case ACL_UPDATE_MODIFY -> Acls.modify(existing, req.getEntriesList());
            case ACL_UPDATE_REMOVE_ENTRIES -> Acls.removeEntries(existing, req.getEntriesList());
            case ACL_UPDATE_REMOVE_DEFAULT -> Acls.removeDefault(existing);
            case ACL_UPDATE_REMOVE -> Acls.remove(existing);
            case ACL_UPDATE_SET -> Acls.replace(existing, req.getEntriesList());
            case ACL_UPDATE_UNSPECIFIED, UNRECOGNIZED -> throw new HydraException(ErrorCode.INVALID_ARGUMENT,
                    "an ACL update of " + rp.path() + " must say what it does (modify, remove, set...)");
        };
        InodeTable.put(ctx.writer(), Acls.store(inode.toBuilder(), updated).build());
        return EmptyResponse.getDefaultInstance();
    }

    static GetAclStatusResponse status(OpContext ctx, String path) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(path);
        InodeProto inode = rp.last();
        return GetAclStatusResponse.newBuilder()
                .setOwner(inode.getOwner())
                .setGroup(inode.getGroup())
                .setPermission(inode.getPermission())
                .addAllEntries(inode.getAclList())
                .build();
    }
}
