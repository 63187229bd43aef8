package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.MkdirsRequest;
import io.hydrafs.protocol.meta.MkdirsResponse;

import java.util.List;

/**
 * mkdirs, as {@code mkdir -p}: creates the directory and every missing parent.
 *
 * <ul>
 *   <li>An existing directory is success with created=false; only traverse access is needed.</li>
 *   <li>A file at the path: FILE_ALREADY_EXISTS; a file above it: PARENT_NOT_DIRECTORY.</li>
 *   <li>WRITE+EXECUTE on the deepest existing ancestor (the directory that gains a child).</li>
 *   <li>The directory gets the requested permission less the umask; the implicitly created
 *       parents get that plus u+wx. Only the existing ancestor's mtime changes.</li>
 * </ul>
 */
final class MkdirsOp {
    private MkdirsOp() {
    }

    static MkdirsResponse apply(OpContext ctx, MkdirsRequest req) throws HydraException {
        ResolvedPath rp = ctx.resolve(req.getPath());
        if (rp.exists()) {
            if (!rp.isDirectory()) {
                throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS,
                        "cannot create directory " + rp.path() + ": a file exists at that path");
            }
            return MkdirsResponse.newBuilder().setCreated(false).build();
        }
        int firstMissing = rp.existingCount();
        InodeProto ancestor = rp.inode(firstMissing - 1);
        ctx.access.check(ancestor, rp.pathOf(firstMissing - 1), Access.WRITE_EXECUTE);
        PathNames.checkNewNames(ctx.policy, rp.components(), firstMissing - 1);

        int permission = NewInodes.permission(req.getPermission(), NewInodes.DEFAULT_DIRECTORY_PERMISSION,
                ctx.policy.umask());
        List<String> missing = rp.components().subList(firstMissing - 1, rp.depth());
        List<InodeProto.Builder> chain = NewInodes.implicitDirectories(ctx, missing.subList(0, missing.size() - 1),
                ancestor.getGroup(), permission);
        chain.add(NewInodes.directory(ctx, rp.name(), ancestor.getGroup(), permission));
        Quotas.Usage added = new Quotas.Usage(chain.size(), 0);
        Quotas.check(ctx, rp, firstMissing, added);
        int asked = NewInodes.unmasked(req.getPermission(), NewInodes.DEFAULT_DIRECTORY_PERMISSION);
        NewInodes.link(ctx, ancestor, chain,
                new NewInodes.Modes(asked | NewInodes.IMPLICIT_OWNER_WRITE_EXECUTE, asked));
        Quotas.charge(ctx, rp, firstMissing, added);
        return MkdirsResponse.newBuilder().setCreated(true).build();
    }
}
