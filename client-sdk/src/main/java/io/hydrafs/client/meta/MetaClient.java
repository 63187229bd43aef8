package io.hydrafs.client.meta;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.hydrafs.client.net.ChannelFactory;
import io.hydrafs.client.net.ChannelPool;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.AbandonBlockRequest;
import io.hydrafs.protocol.meta.AclEntryProto;
import io.hydrafs.protocol.meta.AclUpdate;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.AddBlockResponse;
import io.hydrafs.protocol.meta.AppendRequest;
import io.hydrafs.protocol.meta.AppendResponse;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.ClusterStatusRequest;
import io.hydrafs.protocol.meta.ClusterStatusResponse;
import io.hydrafs.protocol.meta.CommitBlockRecoveryRequest;
import io.hydrafs.protocol.meta.CompleteRequest;
import io.hydrafs.protocol.meta.CompleteResponse;
import io.hydrafs.protocol.meta.ConcatRequest;
import io.hydrafs.protocol.meta.CreateRequest;
import io.hydrafs.protocol.meta.CreateResponse;
import io.hydrafs.protocol.meta.DeleteRequest;
import io.hydrafs.protocol.meta.DeleteResponse;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.GetAclStatusRequest;
import io.hydrafs.protocol.meta.GetAclStatusResponse;
import io.hydrafs.protocol.meta.GetBlockLocationsRequest;
import io.hydrafs.protocol.meta.GetBlockLocationsResponse;
import io.hydrafs.protocol.meta.GetContentSummaryRequest;
import io.hydrafs.protocol.meta.GetContentSummaryResponse;
import io.hydrafs.protocol.meta.GetFileStatusRequest;
import io.hydrafs.protocol.meta.GetFileStatusResponse;
import io.hydrafs.protocol.meta.GetXAttrsRequest;
import io.hydrafs.protocol.meta.GetXAttrsResponse;
import io.hydrafs.protocol.meta.ListStatusRequest;
import io.hydrafs.protocol.meta.ListStatusResponse;
import io.hydrafs.protocol.meta.ListXAttrsRequest;
import io.hydrafs.protocol.meta.ListXAttrsResponse;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.MkdirsRequest;
import io.hydrafs.protocol.meta.MkdirsResponse;
import io.hydrafs.protocol.meta.RecoverLeaseRequest;
import io.hydrafs.protocol.meta.RecoverLeaseResponse;
import io.hydrafs.protocol.meta.RemoveXAttrRequest;
import io.hydrafs.protocol.meta.RenameRequest;
import io.hydrafs.protocol.meta.RenameResponse;
import io.hydrafs.protocol.meta.RenewLeaseRequest;
import io.hydrafs.protocol.meta.ReportBadReplicaRequest;
import io.hydrafs.protocol.meta.SetOwnerRequest;
import io.hydrafs.protocol.meta.SetPermissionRequest;
import io.hydrafs.protocol.meta.SetQuotaRequest;
import io.hydrafs.protocol.meta.SetReplicationRequest;
import io.hydrafs.protocol.meta.SetReplicationResponse;
import io.hydrafs.protocol.meta.SetTimesRequest;
import io.hydrafs.protocol.meta.SetXAttrRequest;
import io.hydrafs.protocol.meta.TruncateRequest;
import io.hydrafs.protocol.meta.UpdateAclRequest;
import io.hydrafs.protocol.meta.UpdatePipelineRequest;
import io.hydrafs.protocol.meta.UpdatePipelineResponse;
import io.hydrafs.protocol.meta.XAttrProto;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/**
 * The client of the metadata service: one method per meta RPC, each sent with transparent
 * failover between the meta nodes (see {@link FailoverCaller} for the retry and idempotency
 * rules, {@link FailoverPlan} for the policy). A caller sees either the answer or a
 * {@link HydraException} whose code the server raised; NOT_LEADER never reaches it, and a
 * cluster with no reachable leader surfaces as NO_LEADER after {@code failoverTimeoutMs}.
 *
 * <p>Identity: each instance has a random 16-byte client id (a UUID) that, with the call id,
 * keys the server's retry cache. Thread-safe; one instance is meant to be shared by a whole
 * application (it holds one connection per meta node).
 */
public final class MetaClient implements AutoCloseable {
    private final UUID clientUuid;
    private final FailoverCaller caller;

    public MetaClient(MetaClientConfig config, ChannelFactory channelFactory) {
        this.clientUuid = UUID.randomUUID();
        this.caller = new FailoverCaller(config, new ChannelPool(channelFactory), toBytes(clientUuid));
    }

    /** Sends one meta RPC ({@link MetaMethods}) with failover, and parses its response. */
    public <T extends Message> T call(String method, Message request, Parser<T> responseParser)
            throws HydraException {
        return caller.call(method, request, responseParser);
    }

    /**
     * Sends one meta RPC to the node at {@code address} only: one attempt, no failover, so the
     * node's own answer or error comes back (for operators' tools that address a node).
     */
    public <T extends Message> T callNode(String address, String method, Message request, Parser<T> responseParser)
            throws HydraException {
        return caller.callNode(MetaClientConfig.checkHostPort(address), method, request, responseParser);
    }

    /** The UUID behind {@link #clientId()}; names this client, e.g. in its lease holder name. */
    public UUID clientUuid() {
        return clientUuid;
    }

    /** The 16-byte client id sent with every call. */
    public ByteString clientId() {
        return caller.clientId();
    }

    /** The meta node calls go to first (the last known leader), or null before any call succeeded. */
    public String leaderGuess() {
        return caller.leaderGuess();
    }

    /** The highest Raft applied index this client has seen in any answer. */
    public long highestAppliedIndex() {
        return caller.highestAppliedIndex();
    }

    // ---- namespace ----

    public MkdirsResponse mkdirs(String path, int permission) throws HydraException {
        return call(MetaMethods.MKDIRS, MkdirsRequest.newBuilder().setPath(path).setPermission(permission).build(),
                MkdirsResponse.parser());
    }

    public CreateResponse create(CreateRequest request) throws HydraException {
        return call(MetaMethods.CREATE, request, CreateResponse.parser());
    }

    public GetFileStatusResponse getFileStatus(String path) throws HydraException {
        return call(MetaMethods.GET_FILE_STATUS, GetFileStatusRequest.newBuilder().setPath(path).build(),
                GetFileStatusResponse.parser());
    }

    /** One page of a directory: entries after {@code startAfter} ("" = from the start); limit 0 = server default. */
    public ListStatusResponse listStatus(String path, String startAfter, int limit) throws HydraException {
        return call(MetaMethods.LIST_STATUS, ListStatusRequest.newBuilder().setPath(path)
                .setStartAfter(startAfter).setLimit(limit).build(), ListStatusResponse.parser());
    }

    public RenameResponse rename(String src, String dst) throws HydraException {
        return call(MetaMethods.RENAME, RenameRequest.newBuilder().setSrc(src).setDst(dst).build(),
                RenameResponse.parser());
    }

    public void concat(String target, List<String> srcs) throws HydraException {
        call(MetaMethods.CONCAT, ConcatRequest.newBuilder().setTarget(target).addAllSrcs(srcs).build(),
                EmptyResponse.parser());
    }

    public void setXAttr(String path, String name, byte[] value, boolean create, boolean replace)
            throws HydraException {
        call(MetaMethods.SET_XATTR, SetXAttrRequest.newBuilder().setPath(path)
                .setXattr(XAttrProto.newBuilder().setName(name).setValue(ByteString.copyFrom(value)))
                .setCreate(create).setReplace(replace).build(), EmptyResponse.parser());
    }

    public void removeXAttr(String path, String name) throws HydraException {
        call(MetaMethods.REMOVE_XATTR, RemoveXAttrRequest.newBuilder().setPath(path).setName(name).build(),
                EmptyResponse.parser());
    }

    public GetXAttrsResponse getXAttrs(String path, List<String> names) throws HydraException {
        return call(MetaMethods.GET_XATTRS, GetXAttrsRequest.newBuilder().setPath(path).addAllNames(names).build(),
                GetXAttrsResponse.parser());
    }

    public ListXAttrsResponse listXAttrs(String path) throws HydraException {
        return call(MetaMethods.LIST_XATTRS, ListXAttrsRequest.newBuilder().setPath(path).build(),
                ListXAttrsResponse.parser());
    }

    public DeleteResponse delete(String path, boolean recursive) throws HydraException {
        return call(MetaMethods.DELETE, DeleteRequest.newBuilder().setPath(path).setRecursive(recursive).build(),
                DeleteResponse.parser());
    }

    public void setPermission(String path, int permission) throws HydraException {
        call(MetaMethods.SET_PERMISSION, SetPermissionRequest.newBuilder().setPath(path)
                .setPermission(permission).build(), EmptyResponse.parser());
    }

    /** "" for owner or group leaves it unchanged. */
    public void setOwner(String path, String owner, String group) throws HydraException {
        call(MetaMethods.SET_OWNER, SetOwnerRequest.newBuilder().setPath(path).setOwner(owner).setGroup(group)
                .build(), EmptyResponse.parser());
    }

    /** -1 for either time leaves it unchanged. */
    public void setTimes(String path, long mtimeMs, long atimeMs) throws HydraException {
        call(MetaMethods.SET_TIMES, SetTimesRequest.newBuilder().setPath(path).setMtimeMs(mtimeMs)
                .setAtimeMs(atimeMs).build(), EmptyResponse.parser());
    }

    public SetReplicationResponse setReplication(String path, int replication) throws HydraException {
        return call(MetaMethods.SET_REPLICATION, SetReplicationRequest.newBuilder().setPath(path)
                .setReplication(replication).build(), SetReplicationResponse.parser());
    }

    public GetContentSummaryResponse getContentSummary(String path) throws HydraException {
        return call(MetaMethods.GET_CONTENT_SUMMARY, GetContentSummaryRequest.newBuilder().setPath(path).build(),
                GetContentSummaryResponse.parser());
    }

    // ---- blocks and leases (the write path) ----

    public AddBlockResponse addBlock(AddBlockRequest request) throws HydraException {
        return call(MetaMethods.ADD_BLOCK, request, AddBlockResponse.parser());
    }

    /**
     * {@code last} is the file's last block with its final length, or null for a file without
     * blocks. {@code fileId} (the inode id create or append answered; 0 = none) finds the file
     * after a rename, here and in the other write-path calls.
     */
    public CompleteResponse complete(String path, long fileId, String clientName, BlockProto last)
            throws HydraException {
        CompleteRequest.Builder request = CompleteRequest.newBuilder().setPath(path).setFileId(fileId)
                .setClientName(clientName);
        if (last != null) {
            request.setLast(last);
        }
        return call(MetaMethods.COMPLETE, request.build(), CompleteResponse.parser());
    }

    public void abandonBlock(String path, long fileId, String clientName, BlockProto block) throws HydraException {
        call(MetaMethods.ABANDON_BLOCK, AbandonBlockRequest.newBuilder().setPath(path).setFileId(fileId)
                .setClientName(clientName)
                .setBlock(block).build(), EmptyResponse.parser());
    }

    public void renewLease(String clientName) throws HydraException {
        call(MetaMethods.RENEW_LEASE, RenewLeaseRequest.newBuilder().setClientName(clientName).build(),
                EmptyResponse.parser());
    }

    public RecoverLeaseResponse recoverLease(String path, String clientName) throws HydraException {
        return call(MetaMethods.RECOVER_LEASE, RecoverLeaseRequest.newBuilder().setPath(path)
                .setClientName(clientName).build(), RecoverLeaseResponse.parser());
    }

    public RecoverLeaseResponse truncate(String path, long newLength) throws HydraException {
        return call(MetaMethods.TRUNCATE, TruncateRequest.newBuilder().setPath(path).setNewLength(newLength).build(),
                RecoverLeaseResponse.parser());
    }

    public void updateAcl(String path, AclUpdate update, List<AclEntryProto> entries) throws HydraException {
        call(MetaMethods.UPDATE_ACL, UpdateAclRequest.newBuilder().setPath(path).setUpdate(update)
                .addAllEntries(entries).build(), EmptyResponse.parser());
    }

    public GetAclStatusResponse getAclStatus(String path) throws HydraException {
        return call(MetaMethods.GET_ACL_STATUS, GetAclStatusRequest.newBuilder().setPath(path).build(),
                GetAclStatusResponse.parser());
    }

    public void setQuota(String path, long namespaceQuota, long spaceQuota) throws HydraException {
        call(MetaMethods.SET_QUOTA, SetQuotaRequest.newBuilder().setPath(path).setNamespaceQuota(namespaceQuota)
                .setSpaceQuota(spaceQuota).build(), EmptyResponse.parser());
    }

    /** Reopens a closed file for writing; {@code last} in the answer is a partial last block to continue. */
    public AppendResponse append(String path, String clientName) throws HydraException {
        return call(MetaMethods.APPEND, AppendRequest.newBuilder().setPath(path).setClientName(clientName).build(),
                AppendResponse.parser());
    }

    /**
     * The writer goes on with {@code targets} (the surviving blockstores, pipeline order) after a
     * pipeline failure; {@code block} carries its current stamp and the bytes acked so far.
     */
    public UpdatePipelineResponse updatePipeline(String path, long fileId, String clientName, BlockProto block,
                                                 List<String> targets) throws HydraException {
        return call(MetaMethods.UPDATE_PIPELINE, UpdatePipelineRequest.newBuilder().setPath(path).setFileId(fileId)
                .setClientName(clientName).setBlock(block).addAllTargets(targets).build(),
                UpdatePipelineResponse.parser());
    }

    /** Lease recovery's end, sent by the primary blockstore of a recovery: closes the file. */
    public void commitBlockRecovery(CommitBlockRecoveryRequest request) throws HydraException {
        call(MetaMethods.COMMIT_BLOCK_RECOVERY, request, EmptyResponse.parser());
    }

    /** A replica whose bytes do not match their checksums (found by a reader or the scanner). */
    public void reportBadReplica(BlockProto block, String blockstoreId, String reason) throws HydraException {
        call(MetaMethods.REPORT_BAD_REPLICA, ReportBadReplicaRequest.newBuilder().setBlock(block)
                .setBlockstoreId(blockstoreId).setReason(reason).build(), EmptyResponse.parser());
    }

    public GetBlockLocationsResponse getBlockLocations(String path, long offset, long length)
            throws HydraException {
        return getBlockLocations(path, offset, length, "");
    }

    /** {@code clientNode}: the reader's own blockstore id ("" = none), which the answer sorts first. */
    public GetBlockLocationsResponse getBlockLocations(String path, long offset, long length, String clientNode)
            throws HydraException {
        return call(MetaMethods.GET_BLOCK_LOCATIONS, GetBlockLocationsRequest.newBuilder().setPath(path)
                .setOffset(offset).setLength(length).setClientNode(clientNode).build(),
                GetBlockLocationsResponse.parser());
    }

    // ---- cluster ----

    /** The status of whichever node answers first (normally the leader). */
    public ClusterStatusResponse clusterStatus() throws HydraException {
        return call(MetaMethods.CLUSTER_STATUS, ClusterStatusRequest.getDefaultInstance(),
                ClusterStatusResponse.parser());
    }

    /** The status of the node at {@code address} itself, one attempt, no failover (for operators' tools). */
    public ClusterStatusResponse clusterStatus(String address) throws HydraException {
        return caller.callNode(MetaClientConfig.checkHostPort(address), MetaMethods.CLUSTER_STATUS,
                ClusterStatusRequest.getDefaultInstance(), ClusterStatusResponse.parser());
    }

    /** Closes the connections; calls made afterwards fail with IO_ERROR. Idempotent. */
    @Override
    public void close() {
        caller.close();
    }

    private static ByteString toBytes(UUID uuid) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return ByteString.copyFrom(bytes.array());
    }
}
