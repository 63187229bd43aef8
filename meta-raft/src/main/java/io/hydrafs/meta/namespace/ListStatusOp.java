package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.ListStatusRequest;
import io.hydrafs.protocol.meta.ListStatusResponse;

import java.util.List;

/**
 * listStatus: one page of a directory's entries in name order (UTF-8 byte order), starting
 * after {@code start_after}; has_more tells whether another page follows. The page size is the
 * request's limit (0 = the policy's default), capped at the policy's maximum. The directory
 * needs READ+EXECUTE; the listed entries need nothing. Listing a file gives that file alone
 * (HDFS), with traverse access only.
 */
final class ListStatusOp {
    private ListStatusOp() {
    }

    static ListStatusResponse apply(OpContext ctx, ListStatusRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolveExisting(req.getPath());
        InodeProto inode = rp.last();
        ListStatusResponse.Builder out = ListStatusResponse.newBuilder();
        if (inode.getType() != InodeType.DIRECTORY) {
            return out.addEntries(FileStatuses.of(inode, rp.path())).setHasMore(false).build();
        }
        ctx.access.check(inode, rp.path(), Access.READ_EXECUTE);
        int limit = pageSize(ctx.policy, req.getLimit());
        List<DirectoryEntries.Entry> entries = DirectoryEntries.list(ctx.reader, inode.getId(), req.getStartAfter(),
                limit + 1);
        for (int i = 0; i < Math.min(limit, entries.size()); i++) {
            DirectoryEntries.Entry e = entries.get(i);
            out.addEntries(FileStatuses.of(InodeTable.require(ctx.reader, e.childId()),
                    PathNames.child(rp.path(), e.name())));
        }
        return out.setHasMore(entries.size() > limit).build();
    }

    static int pageSize(NamespacePolicy policy, int requested) {
        if (requested == 0) {
            return policy.listingPageSize();
        }
        // uint32 on the wire: read it unsigned before capping
        return (int) Math.min(Integer.toUnsignedLong(requested), policy.maxListingPageSize());
    }
}
