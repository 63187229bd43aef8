package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.DirectoryQuotaProto;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.SetQuotaRequest;

/**
 * setQuota, as HDFS's {@code dfsadmin -setQuota/-setSpaceQuota/-clrQuota/-clrSpaceQuota}: the
 * superuser sets or clears a directory's namespace and space quotas (see {@link Quotas}).
 *
 * <p>Each value is a limit (0 or more), {@link Quotas#NONE} (-1) to clear it, or
 * {@link Quotas#DONT_SET} to keep it; anything else is INVALID_ARGUMENT. A file is
 * NOT_A_DIRECTORY. A quota below what the directory already holds is accepted, as in HDFS: the
 * directory can then only shrink. The first quota of a directory measures its subtree (one walk,
 * in the apply); later changes of the limits keep the tracked usage, and clearing both limits
 * drops the tracking. The directory's mtime does not change.
 */
final class SetQuotaOp {
    private SetQuotaOp() {
    }

    static EmptyResponse apply(OpContext ctx, SetQuotaRequest req) throws HydraException {
        if (!ctx.access.isSuperuser()) {
            throw ctx.access.denied("is not the superuser: cannot set the quota of " + req.getPath());
        }
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        checkValue(req.getNamespaceQuota(), "namespace", rp);
        checkValue(req.getSpaceQuota(), "space", rp);
        InodeProto dir = rp.last();
        if (dir.getType() != InodeType.DIRECTORY) {
            throw new HydraException(ErrorCode.NOT_A_DIRECTORY, "cannot set a quota on " + rp.path()
                    + ": it is a file; quotas are set on directories");
        }
        DirectoryQuotaProto old = dir.hasQuota() ? dir.getQuota() : null;
        long namespace = chosen(req.getNamespaceQuota(), old == null ? Quotas.NONE : old.getNamespaceQuota());
        long space = chosen(req.getSpaceQuota(), old == null ? Quotas.NONE : old.getSpaceQuota());

        InodeProto.Builder updated = dir.toBuilder();
        if (namespace == Quotas.NONE && space == Quotas.NONE) {
            updated.clearQuota();
        } else {
            Quotas.Usage used = old != null ? Quotas.usedBy(old) : Quotas.usageOf(ctx, dir);
            updated.setQuota(DirectoryQuotaProto.newBuilder()
                    .setNamespaceQuota(namespace)
                    .setSpaceQuota(space)
                    .setNamespaceUsed(used.namespace())
                    .setSpaceUsed(used.space()));
        }
        InodeTable.put(ctx.writer(), updated.build());
        return EmptyResponse.getDefaultInstance();
    }

    private static void checkValue(long value, String kind, ResolvedPath rp) throws HydraException {
        if (value < 0 && value != Quotas.NONE) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "invalid " + kind + " quota " + value + " for "
                    + rp.path() + ": give a limit of 0 or more, -1 to clear it, or " + Quotas.DONT_SET
                    + " to keep it");
        }
    }

    private static long chosen(long requested, long current) {
        return requested == Quotas.DONT_SET ? current : requested;
    }
}
