package io.hydrafs.meta.namespace;

import com.google.protobuf.Message;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.meta.store.Table;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.ContentSummaryProto;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.GetBlockLocationsRequest;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.GetAclStatusResponse;
import io.hydrafs.protocol.meta.GetXAttrsRequest;
import io.hydrafs.protocol.meta.GetXAttrsResponse;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.InodeType;
import io.hydrafs.protocol.meta.ListStatusRequest;
import io.hydrafs.protocol.meta.ListStatusResponse;
import io.hydrafs.protocol.meta.ListXAttrsRequest;
import io.hydrafs.protocol.meta.ListXAttrsResponse;
import io.hydrafs.protocol.meta.MetaOp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The namespace rules of the metadata service (HDFS NameNode semantics) over the metadata
 * tables: the one entry point the Ratis state machine and the read path call.
 *
 * <p>Deterministic by construction: an operation sees only the store, the op (with the values
 * the leader resolved: user, groups, chosen targets) and the batch time {@code nowMs}; ids come
 * from counters in the store. The same store, op and time always make the same writes, so
 * every replica stays identical. Expected failures throw {@link HydraException} before any
 * write where possible; the caller still rolls an op's writes back on failure (savepoint).
 * Storage failures are unchecked {@code MetaStoreException}s and broken invariants
 * IllegalStateExceptions: both are fatal for the node, never answers.
 *
 * <p>Thread-safety: stateless apart from the immutable policy; safe to share. Linearizability
 * of reads (which snapshot {@code r} shows) is the caller's business.
 *
 * <p>Key layout: see {@link NamespaceKeys}. This class writes only INODES, DENTRIES, BLOCKS,
 * LEASES and SYSTEM; the retry cache tables belong to the state machine.
 */
public final class Namespace {
    private final NamespacePolicy policy;

    public Namespace(NamespacePolicy policy) {
        this.policy = policy;
    }

    public NamespacePolicy policy() {
        return policy;
    }

    /**
     * Creates the root directory (owner superuser, group supergroup, 0755) and the counters in
     * an empty store; no-op if already formatted.
     */
    public void format(MetaWriter w, long nowMs) {
        byte[] version = w.get(Table.SYSTEM, NamespaceKeys.LAYOUT_VERSION_KEY);
        if (version != null) {
            long v = NamespaceKeys.decodeLong(version);
            Invariants.check(v == NamespaceKeys.LAYOUT_VERSION, "store has namespace layout %d, this code knows %d",
                    v, NamespaceKeys.LAYOUT_VERSION);
            return;
        }
        Invariants.check(InodeTable.get(w, NamespaceKeys.ROOT_ID) == null, "root inode exists without a layout");
        InodeTable.put(w, InodeProto.newBuilder()
                .setId(NamespaceKeys.ROOT_ID)
                .setType(InodeType.DIRECTORY)
                .setParentId(NamespaceKeys.NO_PARENT)
                .setName("")
                .setOwner(policy.superuser())
                .setGroup(policy.supergroup())
                .setPermission(0755)
                .setMtimeMs(nowMs)
                .build());
        Counters.initialize(w);
        w.put(Table.SYSTEM, NamespaceKeys.LAYOUT_VERSION_KEY, NamespaceKeys.encodeLong(NamespaceKeys.LAYOUT_VERSION));
    }

    /** Whether {@link #format} has run on this store (a fresh replica has applied nothing yet). */
    public boolean isFormatted(MetaReader r) {
        return r.get(Table.SYSTEM, NamespaceKeys.LAYOUT_VERSION_KEY) != null;
    }

    /**
     * Applies one mutating op at the batch time {@code nowMs}. Returns the response message of the
     * op's case: MkdirsResponse, CreateResponse, RenameResponse, DeleteResponse, EmptyResponse
     * (setPermission, setOwner, setTimes, abandonBlock, commitBlockRecovery, concat, setXAttr,
     * removeXAttr, setQuota, updateAcl),
     * SetReplicationResponse, AddBlockResponse, CompleteResponse, RecoverLeaseResponse
     * (recover_lease, expire_lease and truncate), AppendResponse, UpdatePipelineResponse.
     *
     * <p>Every block the op drops from the namespace (deleted or overwritten files, an abandoned
     * block, a block deleted by recovery) is passed to {@code removedBlocks}, as it was stored.
     * The calls belong to the op's writes: when the op throws, the caller must discard them
     * together with the writes.
     */
    public Message apply(MetaOp op, long nowMs, MetaWriter w, Consumer<BlockProto> removedBlocks)
            throws HydraException {
        OpContext ctx = OpContext.forWrite(policy, permissionsOf(op), w, nowMs, removedBlocks);
        return switch (op.getOpCase()) {
            case MKDIRS -> MkdirsOp.apply(ctx, op.getMkdirs());
            case CREATE -> CreateOp.apply(ctx, op.getCreate());
            case RENAME -> RenameOp.apply(ctx, op.getRename());
            case CONCAT -> ConcatOp.apply(ctx, op.getConcat());
            case TRUNCATE -> TruncateOp.apply(ctx, op.getTruncate());
            case SET_QUOTA -> SetQuotaOp.apply(ctx, op.getSetQuota());
            case UPDATE_ACL -> AclOps.update(ctx, op.getUpdateAcl());
            case SET_XATTR -> XAttrOps.set(ctx, op.getSetXattr());
            case REMOVE_XATTR -> XAttrOps.remove(ctx, op.getRemoveXattr());
            case DELETE -> DeleteOp.apply(ctx, op.getDelete());
            case SET_PERMISSION -> SetPermissionOp.apply(ctx, op.getSetPermission());
            case SET_OWNER -> SetOwnerOp.apply(ctx, op.getSetOwner());
            case SET_TIMES -> SetTimesOp.apply(ctx, op.getSetTimes());
            case SET_REPLICATION -> SetReplicationOp.apply(ctx, op.getSetReplication());
            case ADD_BLOCK -> AddBlockOp.apply(ctx, op.getAddBlock(), op.getChosenTargetsList());
            case COMPLETE -> CompleteOp.apply(ctx, op.getComplete());
            case ABANDON_BLOCK -> AbandonBlockOp.apply(ctx, op.getAbandonBlock());
            case RECOVER_LEASE -> LeaseRecoveryOp.recover(ctx, op.getRecoverLease());
            case EXPIRE_LEASE -> LeaseRecoveryOp.expire(ctx, op.getExpireLease());
            case APPEND -> AppendOp.apply(ctx, op.getAppend());
            case UPDATE_PIPELINE -> UpdatePipelineOp.apply(ctx, op.getUpdatePipeline());
            case COMMIT_BLOCK_RECOVERY -> CommitBlockRecoveryOp.apply(ctx, op.getCommitBlockRecovery());
            case COORD_COMPARE_AND_SET, COORD_DELETE, COORD_ACQUIRE_LEASE, COORD_RELEASE_LEASE, SET_DECOMMISSIONING ->
                    throw new IllegalStateException("not a namespace op (see Coordination): " + op.getOpCase());
            case OP_NOT_SET -> throw new HydraException(ErrorCode.MALFORMED_REQUEST, "operation carries no op");
        };
    }

    /** {@link #apply(MetaOp, long, MetaWriter, Consumer)} for callers that do not track removed blocks. */
    public Message apply(MetaOp op, long nowMs, MetaWriter w) throws HydraException {
        return apply(op, nowMs, w, block -> { });
    }

    /** The caller of a client op comes from the op; lease expiry is the leader's own and unchecked. */
    private PermissionChecker permissionsOf(MetaOp op) throws HydraException {
        if (op.getOpCase() == MetaOp.OpCase.EXPIRE_LEASE) {
            return PermissionChecker.internal(policy);
        }
        if (op.getUser().isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "operation " + op.getOpCase() + " carries no user");
        }
        return PermissionChecker.forCaller(policy, new Caller(op.getUser(), op.getGroupsList()));
    }

    /** The status of a path; needs traverse access only. */
    public FileStatusProto getFileStatus(Caller c, String path, MetaReader r) throws HydraException {
        ResolvedPath rp = readContext(c, r).resolveExisting(path);
        return FileStatuses.of(rp.last(), rp.path());
    }

    public ListStatusResponse listStatus(Caller c, ListStatusRequest req, MetaReader r) throws HydraException {
        return ListStatusOp.apply(readContext(c, r), req);
    }

    public GetXAttrsResponse getXAttrs(Caller c, GetXAttrsRequest req, MetaReader r) throws HydraException {
        return XAttrOps.get(readContext(c, r), req);
    }

    public ListXAttrsResponse listXAttrs(Caller c, ListXAttrsRequest req, MetaReader r) throws HydraException {
        return XAttrOps.list(readContext(c, r), req);
    }

    public GetAclStatusResponse getAclStatus(Caller c, String path, MetaReader r) throws HydraException {
        return AclOps.status(readContext(c, r), path);
    }

    public ContentSummaryProto getContentSummary(Caller c, String path, MetaReader r) throws HydraException {
        return ContentSummaryOp.apply(readContext(c, r), path);
    }

    /** Blocks of a byte range of a file; replica targets are left empty for the caller to fill in. */
    public GetBlockLocationsResponse getBlockLocations(Caller c, GetBlockLocationsRequest req, MetaReader r)
            throws HydraException {
        return BlockLocationsOp.apply(readContext(c, r), req);
    }

    /** Files under construction, ordered by lease holder then inode id. */
    public List<UnderConstructionFile> filesUnderConstruction(MetaReader r) {
        List<UnderConstructionFile> out = new ArrayList<>();
        for (LeaseTable.Lease lease : LeaseTable.all(r)) {
            String path = InodePaths.pathOf(r, lease.inodeId());
            Invariants.check(path != null, "lease of %s on missing inode %d", lease.holder(), lease.inodeId());
            out.add(new UnderConstructionFile(lease.inodeId(), path, lease.holder()));
        }
        return out;
    }

    /**
     * The file owning each block that a file has (blocks of no file are left out), each file read
     * once however many of its blocks are asked for.
     */
    public Map<Long, InodeProto> filesOfBlocks(Collection<Long> blockIds, MetaReader r) {
        Map<Long, InodeProto> byInode = new HashMap<>();
        Map<Long, InodeProto> out = new HashMap<>();
        for (long blockId : blockIds) {
            long inodeId = BlockIndex.owner(r, blockId);
            if (inodeId < 0) {
                continue;
            }
            InodeProto file = byInode.computeIfAbsent(inodeId, id -> InodeTable.get(r, id));
            if (file != null) {
                out.put(blockId, file);
            }
        }
        return out;
    }

    /**
     * The file at each path, by block id, for every block of those files (paths naming no file
     * are left out). No permission check: for the leader's own bookkeeping.
     */
    public Map<Long, InodeProto> filesAt(Collection<String> paths, MetaReader r) {
        OpContext ctx = OpContext.forRead(policy, PermissionChecker.internal(policy), r);
        Map<Long, InodeProto> out = new HashMap<>();
        for (String path : paths) {
            InodeProto file;
            try {
                file = ctx.resolveExisting(path).last();
            } catch (HydraException gone) {
                continue; // renamed or deleted since: its blocks were marked by their own events
            }
            if (file.getType() == InodeType.FILE) {
                file.getBlocksList().forEach(b -> out.put(b.getBlockId(), file));
            }
        }
        return out;
    }

    /** The current path of an inode (it changes with renames), or empty if no inode has this id. */
    public Optional<String> pathOf(long inodeId, MetaReader r) {
        return Optional.ofNullable(InodePaths.pathOf(r, inodeId));
    }

    private OpContext readContext(Caller c, MetaReader r) {
        return OpContext.forRead(policy, PermissionChecker.forCaller(policy, c), r);
    }
}
