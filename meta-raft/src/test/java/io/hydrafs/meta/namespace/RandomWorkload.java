package io.hydrafs.meta.namespace;

import com.google.protobuf.ByteString;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AbandonBlockRequest;
import io.hydrafs.protocol.meta.AclUpdate;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.AppendRequest;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.CommitBlockRecoveryRequest;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.ConcatRequest;
import io.hydrafs.protocol.meta.CreateRequest;
import io.hydrafs.protocol.meta.DeleteRequest;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MkdirsRequest;
import io.hydrafs.protocol.meta.RecoverLeaseRequest;
import io.hydrafs.protocol.meta.RemoveXAttrRequest;
import io.hydrafs.protocol.meta.RenameRequest;
import io.hydrafs.protocol.meta.SetOwnerRequest;
import io.hydrafs.protocol.meta.SetPermissionRequest;
import io.hydrafs.protocol.meta.SetQuotaRequest;
import io.hydrafs.protocol.meta.SetReplicationRequest;
import io.hydrafs.protocol.meta.SetTimesRequest;
import io.hydrafs.protocol.meta.SetXAttrRequest;
import io.hydrafs.protocol.meta.TruncateRequest;
import io.hydrafs.protocol.meta.UpdateAclRequest;
import io.hydrafs.protocol.meta.UpdatePipelineRequest;
import io.hydrafs.protocol.meta.XAttrProto;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random mutating ops over a small name space (few names, few users), so that operations
 * collide: creates over existing files, renames into subtrees, deletes of open files, blocks
 * named wrongly. Many ops fail, on purpose. Ops that name a block look at the current store to
 * name the right one most of the time.
 */
final class RandomWorkload {
    private static final List<String> NAMES = List.of("a", "b", "c");
    private static final List<String> XATTR_NAMES = List.of("user.a", "user.b", "trusted.t", "system.s");
    private static final List<String> USERS = List.of(NamespaceTestContext.SUPERUSER, "alice", "bob");

    private final Random random;
    /**
     * Quota and ACL ops draw from their own sequence, so that adding them left the draws of the
     * other ops as they were.
     */
    private final Random quotaRandom;
    private final Namespace namespace;
    private final List<String> createdPaths = new ArrayList<>();

    RandomWorkload(long seed, Namespace namespace) {
        this.random = new Random(seed);
        this.quotaRandom = new Random(~seed);
        this.namespace = namespace;
    }

    /** The next op, chosen against the current state {@code r}. */
    MetaOp next(MetaReader r) {
        if (quotaRandom.nextInt(60) == 0) {
            return setQuota();
        }
        if (quotaRandom.nextInt(60) == 0) {
            return updateAcl();
        }
        String user = pick(USERS);
        MetaOp.Builder op = MetaOp.newBuilder().setUser(user).addGroups(user.equals("bob") ? "staff" : "users");
        String path = randomPath();
        // mostly the caller's own client, so leases match often enough for writes to proceed
        String client = "client-" + (random.nextInt(10) < 8 ? user : pick(USERS));
        int kind = random.nextInt(20);
        if (kind >= 4 && kind <= 7 || kind == 13 || kind == 15) {
            path = fileBeingWritten(r, path);
        }
        switch (kind) {
            case 0, 1 -> op.setMkdirs(MkdirsRequest.newBuilder().setPath(path).setPermission(pick(List.of(0, 0777, 0700))));
            case 2, 3 -> {
                op.setCreate(CreateRequest.newBuilder().setPath(path).setClientName(client)
                        .setOverwrite(random.nextBoolean()).setCreateParent(random.nextBoolean()).setBlockSize(1024));
                createdPaths.add(path);
            }
            case 4, 5 -> {
                op.setAddBlock(AddBlockRequest.newBuilder().setPath(path).setClientName(client));
                BlockProto last = lastBlock(r, path);
                if (last != null) {
                    op.getAddBlockBuilder().setPrevious(last.toBuilder().setNumBytes(random.nextInt(1025)));
                }
                if (random.nextInt(10) > 0) {
                    op.addAllChosenTargets(NamespaceTestContext.TARGETS);
                }
            }
            case 6 -> {
                op.setComplete(CompleteRequest.newBuilder().setPath(path).setClientName(client));
                BlockProto last = lastBlock(r, path);
                if (last != null) {
                    op.getCompleteBuilder().setLast(last.toBuilder().setNumBytes(random.nextInt(1025)));
                }
            }
            case 7 -> {
                op.setAbandonBlock(AbandonBlockRequest.newBuilder().setPath(path).setClientName(client));
                BlockProto last = lastBlock(r, path);
                if (last != null) {
                    op.getAbandonBlockBuilder().setBlock(last);
                }
            }
            case 8 -> op.setRename(RenameRequest.newBuilder().setSrc(path).setDst(randomPath()));
            case 9 -> op.setDelete(DeleteRequest.newBuilder().setPath(path).setRecursive(random.nextBoolean()));
            case 10 -> op.setSetPermission(SetPermissionRequest.newBuilder().setPath(path)
                    .setPermission(pick(List.of(0777, 0755, 0700, 01777))));
            case 11 -> op.setSetOwner(SetOwnerRequest.newBuilder().setPath(path).setOwner(pick(USERS)).setGroup("staff"));
            case 12 -> {
                switch (random.nextInt(5)) {
                    case 0 -> op.setSetTimes(SetTimesRequest.newBuilder().setPath(path)
                            .setMtimeMs(random.nextInt(1000)).setAtimeMs(-1));
                    case 1 -> op.setSetReplication(SetReplicationRequest.newBuilder().setPath(path)
                            .setReplication(1 + random.nextInt(5)));
                    case 2 -> op.setSetXattr(SetXAttrRequest.newBuilder().setPath(existing(r, path))
                            .setXattr(XAttrProto.newBuilder().setName(pick(XATTR_NAMES)).setValue(ByteString.copyFromUtf8(
                                    pick(NAMES)))).setCreate(random.nextBoolean()).setReplace(random.nextBoolean()));
                    case 3 -> {
                        List<String> closed = closedFilesWithBlocks(r);
                        String target = closed.isEmpty() || random.nextInt(5) == 0 ? path : pick(closed);
                        long length = lengthOf(r, target);
                        op.setTruncate(TruncateRequest.newBuilder().setPath(target)
                                .setNewLength(length <= 0 ? random.nextInt(10) : random.nextLong(length + 2)));
                    }
                    default -> {
                        String target = existing(r, path);
                        List<String> present = xattrNames(r, target);
                        String name = present == null || present.isEmpty() || random.nextInt(5) == 0 ? pick(XATTR_NAMES) : pick(present);
                        op.setRemoveXattr(RemoveXAttrRequest.newBuilder().setPath(target).setName(name));
                    }
                }
            }
            case 14 -> {
                // mostly a path a file was created at, so that some are closed files
                String target = createdPaths.isEmpty() || random.nextInt(10) < 2 ? path : pick(createdPaths);
                op.setAppend(AppendRequest.newBuilder().setPath(target).setClientName(client));
            }
            case 15 -> {
                op.setUpdatePipeline(UpdatePipelineRequest.newBuilder().setPath(path).setClientName(client)
                        .addAllTargets(NamespaceTestContext.TARGETS.subList(0, 1 + random.nextInt(3))));
                BlockProto last = lastBlock(r, path);
                if (last != null) {
                    op.getUpdatePipelineBuilder().setBlock(last.toBuilder().setNumBytes(random.nextInt(1025)));
                }
            }
            case 16, 17 -> op.setCommitBlockRecovery(commitOfSomeRecovery(r));
            case 18, 19 -> {
                // mostly closed files with blocks joined with their siblings, so that some succeed
                List<String> closed = closedFilesWithBlocks(r);
                String target = closed.isEmpty() || random.nextInt(10) < 2 ? path : pick(closed);
                String dir = target.substring(0, target.lastIndexOf('/'));
                List<String> siblings = closed.stream()
                        .filter(p -> !p.equals(target) && p.startsWith(dir + "/") && p.indexOf('/', dir.length() + 1) < 0)
                        .toList();
                ConcatRequest.Builder concat = ConcatRequest.newBuilder().setTarget(target);
                for (int i = random.nextInt(2); i >= 0; i--) {
                    int roll = random.nextInt(10);
                    concat.addSrcs(roll == 0 ? randomPath() : roll < 3 || siblings.isEmpty() ? dir + "/" + pick(NAMES)
                            : pick(siblings));
                }
                op.setConcat(concat);
            }
            default -> {
                RecoverLeaseRequest req = RecoverLeaseRequest.newBuilder().setPath(path).setClientName(client).build();
                if (random.nextBoolean()) {
                    op.setRecoverLease(req);
                } else {
                    op.clearUser().clearGroups().setExpireLease(req);
                }
            }
        }
        return op.build();
    }

    /** Mostly the commit of a file in lease recovery with its current stamp; sometimes a stale one. */
    private CommitBlockRecoveryRequest commitOfSomeRecovery(MetaReader r) {
        List<UnderConstructionFile> recovering = namespace.filesUnderConstruction(r).stream()
                .filter(f -> LeaseHolders.isRecovery(f.leaseHolder())).toList();
        CommitBlockRecoveryRequest.Builder req = CommitBlockRecoveryRequest.newBuilder()
                .setDeleteBlock(random.nextInt(4) == 0).addReplicas("bs-1");
        if (recovering.isEmpty()) {
            return req.setInodeId(1 + random.nextInt(20))
                    .setBlock(BlockProto.newBuilder().setBlockId(1 + random.nextInt(20)).setGenerationStamp(1001)).build();
        }
        InodeProto file = InodeTable.require(r, recovering.get(random.nextInt(recovering.size())).inodeId());
        long stamp = file.getRecoveryGenerationStamp() - (random.nextInt(5) == 0 ? 1 : 0);
        return req.setInodeId(file.getId()).setBlock(file.getBlocks(file.getBlocksCount() - 1).toBuilder()
                .setGenerationStamp(stamp).setNumBytes(random.nextInt(1025))).build();
    }

    /** Mostly the superuser, on a directory near the root, with limits tight enough to bite. */
    private MetaOp setQuota() {
        String user = quotaRandom.nextInt(10) == 0 ? "alice" : NamespaceTestContext.SUPERUSER;
        StringBuilder path = new StringBuilder();
        for (int i = quotaRandom.nextInt(3); i > 0; i--) {
            path.append('/').append(NAMES.get(quotaRandom.nextInt(NAMES.size())));
        }
        long[] names = {Quotas.NONE, Quotas.DONT_SET, 2 + quotaRandom.nextInt(20), -2};
        long[] space = {Quotas.NONE, Quotas.DONT_SET, quotaRandom.nextInt(20_000)};
        return MetaOp.newBuilder().setUser(user).setSetQuota(SetQuotaRequest.newBuilder()
                .setPath(path.isEmpty() ? "/" : path.toString())
                .setNamespaceQuota(names[quotaRandom.nextInt(10) == 0 ? 3 : quotaRandom.nextInt(3)])
                .setSpaceQuota(space[quotaRandom.nextInt(3)])).build();
    }

    /** Any of the five ACL changes, by the owner-or-not users, with entries valid or not. */
    private MetaOp updateAcl() {
        String user = USERS.get(quotaRandom.nextInt(USERS.size()));
        StringBuilder path = new StringBuilder();
        for (int i = 1 + quotaRandom.nextInt(3); i > 0; i--) {
            path.append('/').append(NAMES.get(quotaRandom.nextInt(NAMES.size())));
        }
        List<String> choices = List.of("user:alice:rwx", "user:bob:r-x", "group:staff:rw-", "mask::r-x", "other::r--",
                "user::rwx", "group::r-x", "default:user:alice:rwx", "default:group::r-x", "default:mask::rwx",
                "mask:bad:rwx");
        UpdateAclRequest.Builder req = UpdateAclRequest.newBuilder().setPath(path.toString())
                .setUpdate(AclUpdate.forNumber(1 + quotaRandom.nextInt(5)));
        for (int i = quotaRandom.nextInt(4); i > 0; i--) {
            req.addEntries(NamespaceTestContext.aclEntry(choices.get(quotaRandom.nextInt(choices.size()))));
        }
        return MetaOp.newBuilder().setUser(user).setUpdateAcl(req).build();
    }

    private String randomPath() {
        int depth = 1 + random.nextInt(3);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            sb.append('/').append(pick(NAMES));
        }
        return sb.toString();
    }

    /** Mostly a file under construction (so block ops have something to act on), else {@code otherwise}. */
    private String fileBeingWritten(MetaReader r, String otherwise) {
        List<UnderConstructionFile> open = namespace.filesUnderConstruction(r);
        if (open.isEmpty() || random.nextInt(10) < 2) {
            return otherwise;
        }
        return open.get(random.nextInt(open.size())).path();
    }

    private long lengthOf(MetaReader r, String path) {
        try {
            return namespace.getFileStatus(Caller.of(NamespaceTestContext.SUPERUSER), path, r).getLength();
        } catch (HydraException e) {
            return -1;
        }
    }

    /** Mostly a path where something was created and still is, else {@code otherwise}. */
    private String existing(MetaReader r, String otherwise) {
        if (createdPaths.isEmpty() || random.nextInt(5) == 0) {
            return otherwise;
        }
        String p = pick(createdPaths);
        return xattrNames(r, p) == null ? otherwise : p;
    }

    /** The extended attribute names of the inode at {@code path}, or null when there is none. */
    private List<String> xattrNames(MetaReader r, String path) {
        try {
            long id = namespace.getFileStatus(Caller.of(NamespaceTestContext.SUPERUSER), path, r).getInodeId();
            return InodeTable.require(r, id).getXattrsList().stream().map(XAttrProto::getName).toList();
        } catch (HydraException e) {
            return null;
        }
    }

    private List<String> closedFilesWithBlocks(MetaReader r) {
        List<String> out = new ArrayList<>();
        for (String p : new java.util.LinkedHashSet<>(createdPaths)) {
            try {
                long id = namespace.getFileStatus(Caller.of(NamespaceTestContext.SUPERUSER), p, r).getInodeId();
                InodeProto inode = InodeTable.require(r, id);
                if (inode.getBlocksCount() > 0 && !inode.getUnderConstruction()) {
                    out.add(p);
                }
            } catch (HydraException e) {
                // gone or unreachable: not a candidate
            }
        }
        return out;
    }

    private BlockProto lastBlock(MetaReader r, String path) {
        try {
            long id = namespace.getFileStatus(Caller.of(NamespaceTestContext.SUPERUSER), path, r).getInodeId();
            InodeProto inode = InodeTable.require(r, id);
            return inode.getBlocksCount() == 0 ? null : inode.getBlocks(inode.getBlocksCount() - 1);
        } catch (HydraException e) {
            return null;
        }
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }
}
