package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AclEntryProto;
import io.hydrafs.protocol.meta.CreateRequest;
import io.hydrafs.protocol.meta.CreateResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;

import java.util.List;

/**
 * create: a new, empty file under construction, leased to the creating client.
 *
 * <p>Checks, in HDFS's order: a directory at the path is FILE_ALREADY_EXISTS; an existing file
 * needs WRITE on itself; the directory that gains the file (or, with create_parent, the deepest
 * existing ancestor) needs WRITE+EXECUTE; a file being written is ALREADY_BEING_CREATED even
 * with overwrite (its writer must finish or its lease be recovered first), and one under lease
 * recovery is RECOVERY_IN_PROGRESS (retryable: it closes by itself soon); a closed file is
 * FILE_ALREADY_EXISTS unless overwrite, which replaces it by a new inode (new id) and drops the
 * old blocks. A missing parent is FILE_NOT_FOUND unless create_parent, which creates parents
 * as mkdirs does with the default directory permission.
 */
final class CreateOp {
    private CreateOp() {
    }

    static CreateResponse apply(OpContext ctx, CreateRequest req) throws HydraException {
        List<String> components = PathNames.parse(req.getPath());
        String path = req.getPath();
        String client = FileArguments.clientName(req.getClientName(), path);
        int replication = FileArguments.replication(ctx.policy, req.getReplication(), path);
        long blockSize = FileArguments.blockSize(ctx.policy, req.getBlockSize(), path);
        ResolvedPath rp = ctx.resolve(components);
        int permission = NewInodes.permission(req.getPermission(), NewInodes.DEFAULT_FILE_PERMISSION,
                ctx.policy.umask());

        InodeProto.Builder file = InodeProto.newBuilder()
                .setType(InodeType.FILE)
                .setName(rp.name())
                .setOwner(ctx.access.user())
                .setPermission(permission)
                .setMtimeMs(ctx.nowMs())
                .setAtimeMs(ctx.nowMs())
                .setReplication(replication)
                .setBlockSize(blockSize)
                .setUnderConstruction(true)
                .setLeaseHolder(client);

        int asked = NewInodes.unmasked(req.getPermission(), NewInodes.DEFAULT_FILE_PERMISSION);
        InodeProto created = rp.exists()
                ? replaceExisting(ctx, rp, req.getOverwrite(), client, file, asked)
                : createNew(ctx, rp, req.getCreateParent(), file, asked);
        LeaseTable.put(ctx.writer(), client, created.getId());
        return CreateResponse.newBuilder().setStatus(FileStatuses.of(created, rp.path())).build();
    }

    private static InodeProto replaceExisting(OpContext ctx, ResolvedPath rp, boolean overwrite, String client,
                                              InodeProto.Builder file, int asked) throws HydraException {
        InodeProto existing = rp.last();
        if (existing.getType() == InodeType.DIRECTORY) {
            throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS,
                    "cannot create file " + rp.path() + ": it already exists as a directory");
        }
        ctx.access.check(existing, rp.path(), Access.WRITE);
        InodeProto parent = rp.parent();
        ctx.access.check(parent, rp.parentPath(), Access.WRITE_EXECUTE);
        OpenFiles.checkNotInRecovery(existing, rp.path(), "create");
        if (existing.getUnderConstruction()) {
            throw new HydraException(ErrorCode.ALREADY_BEING_CREATED, "cannot create file " + rp.path() + " for "
                    + client + ": it is already being created by " + existing.getLeaseHolder());
        }
        if (!overwrite) {
            throw new HydraException(ErrorCode.FILE_ALREADY_EXISTS,
                    "cannot create file " + rp.path() + ": it already exists");
        }
        BlockIndex.removeAll(ctx, existing);
        InodeTable.delete(ctx.writer(), existing.getId());
        file.setId(Counters.allocateInodeIds(ctx.writer(), 1))
                .setParentId(parent.getId())
                .setGroup(parent.getGroup());
        List<AclEntryProto> inherited = Acls.defaultEntries(parent);
        if (!inherited.isEmpty()) {
            Acls.inherit(file.setPermission(asked), inherited, asked);
        }
        InodeProto replacement = file.build();
        InodeTable.put(ctx.writer(), replacement);
        DirectoryEntries.put(ctx.writer(), parent.getId(), replacement.getName(), replacement.getId());
        InodeTable.put(ctx.writer(), parent.toBuilder().setMtimeMs(ctx.nowMs()).build());
        Quotas.charge(ctx, rp, rp.depth(), new Quotas.Usage(0, -Quotas.spaceOf(existing)));
        return replacement;
    }

    private static InodeProto createNew(OpContext ctx, ResolvedPath rp, boolean createParent,
                                        InodeProto.Builder file, int asked) throws HydraException {
        int firstMissing = rp.existingCount();
        InodeProto ancestor = rp.inode(firstMissing - 1);
        ctx.access.check(ancestor, rp.pathOf(firstMissing - 1), Access.WRITE_EXECUTE);
        boolean parentMissing = firstMissing < rp.depth();
        if (parentMissing && !createParent) {
            throw new HydraException(ErrorCode.FILE_NOT_FOUND, "cannot create file " + rp.path()
                    + ": parent directory " + rp.parentPath() + " does not exist");
        }
        PathNames.checkNewNames(ctx.policy, rp.components(), firstMissing - 1);

        int directoryPermission = NewInodes.permission(0, NewInodes.DEFAULT_DIRECTORY_PERMISSION,
                ctx.policy.umask());
        List<String> missingParents = rp.components().subList(firstMissing - 1, rp.depth() - 1);
        List<InodeProto.Builder> chain = NewInodes.implicitDirectories(ctx, missingParents, ancestor.getGroup(),
                directoryPermission);
        chain.add(file.setGroup(ancestor.getGroup()));
        Quotas.Usage added = new Quotas.Usage(chain.size(), 0);
        Quotas.check(ctx, rp, firstMissing, added);
        List<InodeProto> written = NewInodes.link(ctx, ancestor, chain, new NewInodes.Modes(
                NewInodes.DEFAULT_DIRECTORY_PERMISSION | NewInodes.IMPLICIT_OWNER_WRITE_EXECUTE,
                asked));
        Quotas.charge(ctx, rp, firstMissing, added);
        return written.get(written.size() - 1);
    }
}
