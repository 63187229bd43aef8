package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.SetReplicationRequest;
import io.hydrafs.protocol.meta.SetReplicationResponse;

/**
 * setReplication: a file's target replication (the replication monitor acts on the change). The
 * value must be in the policy's range; WRITE on the file is needed. A directory has no
 * replication: changed=false, as HDFS answers.
 */
final class SetReplicationOp {
    private SetReplicationOp() {
    }

    static SetReplicationResponse apply(OpContext ctx, SetReplicationRequest req) throws HydraException {
        FileArguments.checkReplication(ctx.policy, req.getReplication(), req.getPath());
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto inode = rp.last();
        ctx.access.check(inode, rp.path(), Access.WRITE);
        if (inode.getType() == InodeType.DIRECTORY) {
            return SetReplicationResponse.newBuilder().setChanged(false).build();
        }
        InodeProto written = inode.toBuilder().setReplication(req.getReplication()).build();
        Quotas.check(ctx, rp, rp.depth(), Quotas.fileDelta(inode, written));
        InodeTable.put(ctx.writer(), written);
        Quotas.fileChanged(ctx, rp, inode, written);
        return SetReplicationResponse.newBuilder().setChanged(true).build();
    }
}
