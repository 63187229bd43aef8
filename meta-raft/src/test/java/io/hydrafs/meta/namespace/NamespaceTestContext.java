package io.hydrafs.meta.namespace;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.hydrafs.meta.store.InMemoryMetaStore;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AbandonBlockRequest;
import io.hydrafs.protocol.meta.AclEntryProto;
import io.hydrafs.protocol.meta.AclScope;
import io.hydrafs.protocol.meta.AclType;
import io.hydrafs.protocol.meta.AclUpdate;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.AddBlockResponse;
import io.hydrafs.protocol.meta.AppendRequest;
import io.hydrafs.protocol.meta.AppendResponse;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.CommitBlockRecoveryRequest;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.CompleteResponse;
import io.hydrafs.protocol.meta.ConcatRequest;
import io.hydrafs.protocol.meta.ContentSummaryProto;
import io.hydrafs.protocol.meta.CreateRequest;
import io.hydrafs.protocol.meta.CreateResponse;
import io.hydrafs.protocol.meta.DeleteRequest;
import io.hydrafs.protocol.meta.DeleteResponse;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.GetBlockLocationsRequest;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.GetXAttrsRequest;
import io.hydrafs.protocol.meta.InodeProto;
import io.hydrafs.protocol.meta.ListStatusRequest;
import io.hydrafs.protocol.meta.ListStatusResponse;
import io.hydrafs.protocol.meta.ListXAttrsRequest;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MkdirsRequest;
import io.hydrafs.protocol.meta.MkdirsResponse;
import io.hydrafs.protocol.meta.RecoverLeaseRequest;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;
import io.hydrafs.protocol.meta.RemoveXAttrRequest;
import io.hydrafs.protocol.meta.RenameRequest;
import io.hydrafs.protocol.meta.RenameResponse;
import io.hydrafs.protocol.meta.SetOwnerRequest;
import io.hydrafs.protocol.meta.SetQuotaRequest;
import io.hydrafs.protocol.meta.SetPermissionRequest;
import io.hydrafs.protocol.meta.SetReplicationRequest;
import io.hydrafs.protocol.meta.SetReplicationResponse;
import io.hydrafs.protocol.meta.SetTimesRequest;
import io.hydrafs.protocol.meta.SetXAttrRequest;
import io.hydrafs.protocol.meta.TruncateRequest;
import io.hydrafs.protocol.meta.UpdateAclRequest;
import io.hydrafs.protocol.meta.UpdatePipelineRequest;
import io.hydrafs.protocol.meta.UpdatePipelineResponse;
import io.hydrafs.protocol.meta.XAttrProto;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A formatted namespace over an {@link InMemoryMetaStore} with a settable clock, and callers
 * acting on it: {@code ctx.asUser("alice").mkdirs("/a")}. Mutations go through
 * {@link Namespace#apply} as the state machine calls it (inside a savepoint, rolled back on
 * failure), and every one is checked on the way:
 * <ul>
 *   <li>a failed operation must not have written anything (rules check before they write);</li>
 *   <li>after every operation the whole store passes {@link NamespaceFsck}.</li>
 * </ul>
 * Blocks that successful ops report removed are collected in {@link #removedBlocks()}, as the
 * state machine keeps them (a failed op's reports are dropped with its writes).
 * Every applied op is logged with its time, so a test can replay the same log elsewhere.
 */
public final class NamespaceTestContext {
    public static final String SUPERUSER = "hdfs";
    public static final String SUPERGROUP = "supergroup";
    public static final long START_MS = 1_700_000_000_000L;
    public static final List<String> TARGETS = List.of("bs-1", "bs-2", "bs-3");

    /** One applied operation and the batch time it was applied at. */
    public record TimedOp(MetaOp op, long nowMs) {
    }

    private final NamespacePolicy policy;
    private final Namespace namespace;
    private final InMemoryMetaStore store = new InMemoryMetaStore();
    private final List<TimedOp> log = new ArrayList<>();
    private final List<BlockProto> removedBlocks = new ArrayList<>();
    private long nowMs = START_MS;

    private NamespaceTestContext(NamespacePolicy policy) {
        this.policy = policy;
        this.namespace = new Namespace(policy);
        namespace.format(store, nowMs);
        store.clearWrites();
    }

    /** The test policy: superuser "hdfs", supergroup "supergroup", block sizes down to 512 allowed. */
    public static NamespacePolicy.Builder testPolicy() {
        return NamespacePolicy.builder().superuser(SUPERUSER).supergroup(SUPERGROUP).minBlockSizeBytes(512);
    }

    public static NamespaceTestContext create() {
        return new NamespaceTestContext(testPolicy().build());
    }

    public static NamespaceTestContext create(UnaryOperator<NamespacePolicy.Builder> tweak) {
        return new NamespaceTestContext(tweak.apply(testPolicy()).build());
    }

    /** Asserts that {@code action} fails with {@code code}, and returns the exception. */
    public static HydraException assertFails(ErrorCode code, Executable action) {
        return assertFails(code, action, "");
    }

    /** As {@link #assertFails(ErrorCode, Executable)}, saying why it must fail. */
    public static HydraException assertFails(ErrorCode code, Executable action, String why) {
        HydraException e = assertThrows(HydraException.class, action, why);
        assertEquals(code, e.code(), why + ": " + e.getMessage());
        return e;
    }

    public NamespacePolicy policy() {
        return policy;
    }

    public Namespace namespace() {
        return namespace;
    }

    public InMemoryMetaStore store() {
        return store;
    }

    public List<TimedOp> log() {
        return List.copyOf(log);
    }

    public long now() {
        return nowMs;
    }

    public void advanceClock(long ms) {
        nowMs += ms;
    }

    public Caller superuserCaller() {
        return Caller.of(SUPERUSER);
    }

    public Actor asSuperuser() {
        return new Actor(Caller.of(SUPERUSER));
    }

    public Actor asUser(String user, String... groups) {
        return new Actor(Caller.of(user, groups));
    }

    /** Applies one op as the state machine does: inside a savepoint, rolled back on failure. */
    public Message apply(MetaOp op) throws HydraException {
        log.add(new TimedOp(op, nowMs));
        int writesBefore = store.writes().size();
        List<BlockProto> removedByOp = new ArrayList<>();
        store.setSavepoint();
        try {
            Message response = namespace.apply(op, nowMs, store, removedByOp::add);
            store.releaseSavepoint();
            removedBlocks.addAll(removedByOp);
            NamespaceFsck.check(store);
            return response;
        } catch (HydraException e) {
            List<InMemoryMetaStore.Write> written = store.writes().subList(writesBefore, store.writes().size());
            store.rollbackToSavepoint();
            if (!written.isEmpty()) {
                throw new AssertionError(op.getOpCase() + " failed (" + e.getMessage() + ") after writing "
                        + written);
            }
            throw e;
        }
    }

    /** Blocks reported removed by the successful ops so far, in order. */
    public List<BlockProto> removedBlocks() {
        return List.copyOf(removedBlocks);
    }

    public void clearRemovedBlocks() {
        removedBlocks.clear();
    }

    /** The leader's lease expiry for {@code holder}'s file at {@code path}. */
    public boolean expireLease(String path, String holder) throws HydraException {
        return expire(path, holder).getClosed();
    }

    /** The leader's lease expiry for {@code holder}'s file at {@code path}, with the whole answer. */
    public RecoverLeaseResponse expire(String path, String holder) throws HydraException {
        MetaOp op = MetaOp.newBuilder()
                .setExpireLease(RecoverLeaseRequest.newBuilder().setPath(path).setClientName(holder)).build();
        return (RecoverLeaseResponse) apply(op);
    }

    /** The stored inode at a path (read as the superuser), or AssertionError if there is none. */
    public InodeProto inode(String path) {
        try {
            long id = namespace.getFileStatus(superuserCaller(), path, store).getInodeId();
            return InodeTable.require(store, id);
        } catch (HydraException e) {
            throw new AssertionError("no inode at " + path, e);
        }
    }

    /** The ids of the blocks of the file at a path, in file order. */
    public List<Long> blockIds(String path) {
        return inode(path).getBlocksList().stream().map(BlockProto::getBlockId).toList();
    }

    public boolean exists(String path) throws HydraException {
        try {
            namespace.getFileStatus(superuserCaller(), path, store);
            return true;
        } catch (HydraException e) {
            if (e.code() == ErrorCode.FILE_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    /** An ACL entry from getfacl's text: [default:]user|group|mask|other:[name]:rwx (permission may be left out). */
    public static AclEntryProto aclEntry(String text) {
        String[] f = text.split(":", -1);
        int i = 0;
        AclScope scope = AclScope.ACL_SCOPE_ACCESS;
        if (f[0].equals("default")) {
            scope = AclScope.ACL_SCOPE_DEFAULT;
            i = 1;
        }
        AclType type = AclType.valueOf("ACL_TYPE_" + f[i].toUpperCase(java.util.Locale.ROOT));
        String name = f.length > i + 1 ? f[i + 1] : "";
        int permission = 0;
        if (f.length > i + 2 && !f[i + 2].isEmpty()) {
            String rwx = f[i + 2];
            permission = (rwx.charAt(0) == 'r' ? 4 : 0) | (rwx.charAt(1) == 'w' ? 2 : 0) | (rwx.charAt(2) == 'x' ? 1 : 0);
        }
        return AclEntryProto.newBuilder().setScope(scope).setType(type).setName(name).setPermission(permission).build();
    }

    /** A block as a writer reports it back: the allocated block with its final length. */
    public static BlockProto withLength(LocatedBlockProto located, long numBytes) {
        return located.getBlock().toBuilder().setNumBytes(numBytes).build();
    }

    /** One user acting on the namespace; its writes use the client name "client-&lt;user&gt;". */
    public final class Actor {
        private final Caller caller;

        private Actor(Caller caller) {
            this.caller = caller;
        }

        public Caller caller() {
            return caller;
        }

        public String clientName() {
            return "client-" + caller.user();
        }

        public Message op(MetaOp.Builder op) throws HydraException {
            return apply(op.setUser(caller.user()).clearGroups().addAllGroups(caller.groups()).build());
        }

        public boolean mkdirs(String path) throws HydraException {
            return mkdirs(path, 0);
        }

        public boolean mkdirs(String path, int permission) throws HydraException {
            MkdirsRequest req = MkdirsRequest.newBuilder().setPath(path).setPermission(permission).build();
            return ((MkdirsResponse) op(MetaOp.newBuilder().setMkdirs(req))).getCreated();
        }

        /** A create request with this actor's client name; everything else zero (server defaults). */
        public CreateRequest.Builder newCreate(String path) {
            return CreateRequest.newBuilder().setPath(path).setClientName(clientName());
        }

        public FileStatusProto create(String path) throws HydraException {
            return create(newCreate(path));
        }

        public FileStatusProto create(CreateRequest.Builder req) throws HydraException {
            return ((CreateResponse) op(MetaOp.newBuilder().setCreate(req))).getStatus();
        }

        /** Creates a file, writes blocks of the given lengths, closes it; returns its final status. */
        public FileStatusProto writeFile(String path, long... blockLengths) throws HydraException {
            create(newCreate(path).setBlockSize(1 << 20));
            BlockProto previous = null;
            for (long length : blockLengths) {
                previous = withLength(addBlock(path, previous), length);
            }
            complete(path, previous);
            return stat(path);
        }

        public String rename(String src, String dst) throws HydraException {
            RenameRequest req = RenameRequest.newBuilder().setSrc(src).setDst(dst).build();
            return ((RenameResponse) op(MetaOp.newBuilder().setRename(req))).getFinalPath();
        }

        public void concat(String target, String... srcs) throws HydraException {
            op(MetaOp.newBuilder().setConcat(ConcatRequest.newBuilder().setTarget(target).addAllSrcs(List.of(srcs))));
        }

        public void setXAttr(String path, String name, String value, boolean create, boolean replace)
                throws HydraException {
            op(MetaOp.newBuilder().setSetXattr(SetXAttrRequest.newBuilder().setPath(path)
                    .setXattr(XAttrProto.newBuilder().setName(name).setValue(ByteString.copyFromUtf8(value)))
                    .setCreate(create).setReplace(replace)));
        }

        /** Sets with HDFS's default flags: create or replace. */
        public void setXAttr(String path, String name, String value) throws HydraException {
            setXAttr(path, name, value, false, false);
        }

        public void removeXAttr(String path, String name) throws HydraException {
            op(MetaOp.newBuilder().setRemoveXattr(RemoveXAttrRequest.newBuilder().setPath(path).setName(name)));
        }

        /** Name -> value (as UTF-8) of the named attributes, or of all visible ones, in name order. */
        public Map<String, String> getXAttrs(String path, String... names) throws HydraException {
            GetXAttrsRequest req = GetXAttrsRequest.newBuilder().setPath(path).addAllNames(List.of(names)).build();
            Map<String, String> out = new LinkedHashMap<>();
            for (XAttrProto x : namespace.getXAttrs(caller, req, store).getXattrsList()) {
                out.put(x.getName(), x.getValue().toStringUtf8());
            }
            return out;
        }

        public List<String> listXAttrs(String path) throws HydraException {
            return namespace.listXAttrs(caller, ListXAttrsRequest.newBuilder().setPath(path).build(), store)
                    .getNamesList();
        }

        public RecoverLeaseResponse truncate(String path, long newLength) throws HydraException {
            return (RecoverLeaseResponse) op(MetaOp.newBuilder().setTruncate(
                    TruncateRequest.newBuilder().setPath(path).setNewLength(newLength)));
        }

        /** An ACL change; entries as getfacl prints them: "user:bob:rwx", "default:mask::r-x". */
        public void updateAcl(String path, AclUpdate update, String... entries) throws HydraException {
            UpdateAclRequest.Builder req = UpdateAclRequest.newBuilder().setPath(path).setUpdate(update);
            for (String e : entries) {
                req.addEntries(aclEntry(e));
            }
            op(MetaOp.newBuilder().setUpdateAcl(req));
        }

        /** getAclStatus's entries, as getfacl prints them. */
        public List<String> aclEntries(String path) throws HydraException {
            return namespace.getAclStatus(caller, path, store).getEntriesList().stream().map(Acls::describe).toList();
        }

        /** setQuota; {@link Quotas#NONE} clears a limit, {@link Quotas#DONT_SET} keeps it. */
        public void setQuota(String path, long namespaceQuota, long spaceQuota) throws HydraException {
            op(MetaOp.newBuilder().setSetQuota(SetQuotaRequest.newBuilder().setPath(path)
                    .setNamespaceQuota(namespaceQuota).setSpaceQuota(spaceQuota)));
        }

        public boolean delete(String path, boolean recursive) throws HydraException {
            DeleteRequest req = DeleteRequest.newBuilder().setPath(path).setRecursive(recursive).build();
            return ((DeleteResponse) op(MetaOp.newBuilder().setDelete(req))).getDeleted();
        }

        public void setPermission(String path, int permission) throws HydraException {
            op(MetaOp.newBuilder().setSetPermission(
                    SetPermissionRequest.newBuilder().setPath(path).setPermission(permission)));
        }

        public void setOwner(String path, String owner, String group) throws HydraException {
            op(MetaOp.newBuilder().setSetOwner(
                    SetOwnerRequest.newBuilder().setPath(path).setOwner(owner).setGroup(group)));
        }

        public void setTimes(String path, long mtimeMs, long atimeMs) throws HydraException {
            op(MetaOp.newBuilder().setSetTimes(
                    SetTimesRequest.newBuilder().setPath(path).setMtimeMs(mtimeMs).setAtimeMs(atimeMs)));
        }

        public boolean setReplication(String path, int replication) throws HydraException {
            SetReplicationRequest req = SetReplicationRequest.newBuilder().setPath(path)
                    .setReplication(replication).build();
            return ((SetReplicationResponse) op(MetaOp.newBuilder().setSetReplication(req))).getChanged();
        }

        public LocatedBlockProto addBlock(String path, BlockProto previous) throws HydraException {
            return addBlock(path, clientName(), previous, TARGETS);
        }

        public LocatedBlockProto addBlock(String path, String client, BlockProto previous, List<String> targets)
                throws HydraException {
            AddBlockRequest.Builder req = AddBlockRequest.newBuilder().setPath(path).setClientName(client);
            if (previous != null) {
                req.setPrevious(previous);
            }
            MetaOp.Builder op = MetaOp.newBuilder().setAddBlock(req).addAllChosenTargets(targets);
            return ((AddBlockResponse) op(op)).getBlock();
        }

        public void abandonBlock(String path, String client, BlockProto block) throws HydraException {
            AbandonBlockRequest.Builder req = AbandonBlockRequest.newBuilder().setPath(path).setClientName(client);
            if (block != null) {
                req.setBlock(block);
            }
            op(MetaOp.newBuilder().setAbandonBlock(req));
        }

        public boolean complete(String path, BlockProto last) throws HydraException {
            return complete(path, clientName(), last);
        }

        public boolean complete(String path, String client, BlockProto last) throws HydraException {
            CompleteRequest.Builder req = CompleteRequest.newBuilder().setPath(path).setClientName(client);
            if (last != null) {
                req.setLast(last);
            }
            return ((CompleteResponse) op(MetaOp.newBuilder().setComplete(req))).getCompleted();
        }

        public boolean recoverLease(String path) throws HydraException {
            return recover(path).getClosed();
        }

        public RecoverLeaseResponse recover(String path) throws HydraException {
            RecoverLeaseRequest req = RecoverLeaseRequest.newBuilder().setPath(path).setClientName(clientName())
                    .build();
            return (RecoverLeaseResponse) op(MetaOp.newBuilder().setRecoverLease(req));
        }

        public AppendResponse append(String path) throws HydraException {
            return append(path, clientName());
        }

        public AppendResponse append(String path, String client) throws HydraException {
            AppendRequest req = AppendRequest.newBuilder().setPath(path).setClientName(client).build();
            return (AppendResponse) op(MetaOp.newBuilder().setAppend(req));
        }

        /** updatePipeline by this actor's client to {@code targets}. */
        public LocatedBlockProto updatePipeline(String path, BlockProto block, List<String> targets)
                throws HydraException {
            return updatePipeline(path, clientName(), block, targets);
        }

        public LocatedBlockProto updatePipeline(String path, String client, BlockProto block, List<String> targets)
                throws HydraException {
            UpdatePipelineRequest.Builder req = UpdatePipelineRequest.newBuilder().setPath(path).setClientName(client)
                    .addAllTargets(targets);
            if (block != null) {
                req.setBlock(block);
            }
            return ((UpdatePipelineResponse) op(MetaOp.newBuilder().setUpdatePipeline(req))).getBlock();
        }

        /** A blockstore (acting as this user) commits a block recovery. */
        public void commitBlockRecovery(long inodeId, BlockProto block, boolean deleteBlock) throws HydraException {
            op(MetaOp.newBuilder().setCommitBlockRecovery(CommitBlockRecoveryRequest.newBuilder()
                    .setInodeId(inodeId).setBlock(block).addReplicas("bs-1").setDeleteBlock(deleteBlock)));
        }

        // ---- reads ----

        public FileStatusProto stat(String path) throws HydraException {
            return namespace.getFileStatus(caller, path, store);
        }

        public ListStatusResponse list(String path) throws HydraException {
            return list(ListStatusRequest.newBuilder().setPath(path));
        }

        public ListStatusResponse list(ListStatusRequest.Builder req) throws HydraException {
            ListStatusResponse response = namespace.listStatus(caller, req.build(), store);
            assertEquals(0, store.openIterators(), "listStatus left a scan open");
            return response;
        }

        /** The names of a directory's entries, all pages. */
        public List<String> names(String path) throws HydraException {
            List<String> names = new ArrayList<>();
            ListStatusResponse page;
            String after = "";
            do {
                page = list(ListStatusRequest.newBuilder().setPath(path).setStartAfter(after));
                for (FileStatusProto s : page.getEntriesList()) {
                    names.add(s.getPath().substring(s.getPath().lastIndexOf('/') + 1));
                    after = names.get(names.size() - 1);
                }
            } while (page.getHasMore());
            return names;
        }

        public ContentSummaryProto summary(String path) throws HydraException {
            return namespace.getContentSummary(caller, path, store);
        }

        public GetBlockLocationsResponse locations(String path, long offset, long length) throws HydraException {
            return namespace.getBlockLocations(caller, GetBlockLocationsRequest.newBuilder().setPath(path)
                    .setOffset(offset).setLength(length).build(), store);
        }
    }
}
