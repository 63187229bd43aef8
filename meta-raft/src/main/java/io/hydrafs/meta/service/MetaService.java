package io.hydrafs.meta.service;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.hydrafs.meta.blocks.BlockManager;
import io.hydrafs.meta.coord.Coordination;
import io.hydrafs.meta.lease.LeaseManager;
import io.hydrafs.meta.namespace.Caller;
import io.hydrafs.meta.namespace.Namespace;
import io.hydrafs.meta.raft.ProposalBatcher;
import io.hydrafs.meta.raft.ReadBarrier;
import io.hydrafs.meta.resource.DiskSpaceGuard;
import io.hydrafs.meta.statemachine.MetaStateMachine;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import io.hydrafs.protocol.meta.*;
import io.hydrafs.protocol.net.RpcCall;
import io.hydrafs.protocol.net.RpcHandler;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The metadata service's RPC methods. Mutations are validated at the edge, turned into
 * {@link MetaOp}s carrying the caller's identity and retry-cache key, resolved (block
 * placement) and handed to the {@link ProposalBatcher}; their answers come back from the
 * applied log entry. Reads wait on the {@link ReadBarrier} (linearizable) or, when the client
 * allows it and this node is fresh enough, are served by a follower; either way they read the
 * local store on a small executor, never on an I/O or Raft thread.
 *
 * <p>Coordination records ({@code coord.*}) take the same two paths: writes are mutations
 * (applied by {@link Coordination}), {@code coord.get} is a read judged by this node's clock.
 *
 * <p>While the leader's disk is below its reserve ({@link DiskSpaceGuard}) mutations are refused
 * with METADATA_DISK_FULL before they cost a log entry; reads and lease renewals go on.
 *
 * <p>Any node accepts any call; a node that cannot serve it answers NOT_LEADER with the
 * leader's address, and the client follows the hint.
 */
public final class MetaService {
    /** Picks the blockstores for a new block on the leader (placement is resolved before proposing). */
    @FunctionalInterface
    public interface BlockTargetChooser {
        List<String> choose(AddBlockRequest request);
    }

    private final Namespace namespace;
    /** Content summaries computing or waiting on their thread beyond this many are refused NOT_READY. */
    public static final int MAX_WAITING_SUMMARIES = 16;

    private final MetaStateMachine stateMachine;
    private final ProposalBatcher batcher;
    private final ReadBarrier readBarrier;
    private final LeaderView leader;
    private final LeaseManager leases;
    private final BlockTargetChooser targets;
    private final Executor readExecutor;
    private final Executor summaryExecutor;
    private final Semaphore summarySlots = new Semaphore(MAX_WAITING_SUMMARIES);
    private final LongSupplier clockMs;
    private final ClusterStatusSource status;
    private final BlockManager blocks;
    private final Coordination coordination;
    private final DiskSpaceGuard diskSpace;

    /** This node's view of the group for meta.clusterStatus. */
    @FunctionalInterface
    public interface ClusterStatusSource {
        ClusterStatusResponse status();
    }

    public MetaService(Namespace namespace, MetaStateMachine stateMachine, ProposalBatcher batcher,
                       ReadBarrier readBarrier, LeaderView leader, LeaseManager leases,
                       BlockTargetChooser targets, Executor readExecutor, Executor summaryExecutor, LongSupplier clockMs,
                       ClusterStatusSource status, BlockManager blocks, DiskSpaceGuard diskSpace) {
        this.blocks = blocks;
        this.diskSpace = diskSpace;
        this.namespace = namespace;
        this.stateMachine = stateMachine;
        this.batcher = batcher;
        this.readBarrier = readBarrier;
        this.leader = leader;
        this.leases = leases;
        this.targets = targets;
        this.readExecutor = readExecutor;
        this.summaryExecutor = summaryExecutor;
        this.clockMs = clockMs;
        this.status = status;
        this.coordination = new Coordination(namespace.policy());
    }

    /** Registers every method on the given registrar (the RPC server's register method). */
    public void registerAll(BiConsumer<String, RpcHandler> register) {
        register.accept(MetaMethods.MKDIRS, mutation(MkdirsRequest.parser(), MetaOp.Builder::setMkdirs, MkdirsResponse.parser()));
        register.accept(MetaMethods.CREATE, mutation(CreateRequest.parser(), MetaOp.Builder::setCreate, CreateResponse.parser()));
        register.accept(MetaMethods.RENAME, mutation(RenameRequest.parser(), MetaOp.Builder::setRename, RenameResponse.parser()));
        register.accept(MetaMethods.CONCAT, mutation(ConcatRequest.parser(), MetaOp.Builder::setConcat, EmptyResponse.parser()));
        register.accept(MetaMethods.SET_XATTR, mutation(SetXAttrRequest.parser(), MetaOp.Builder::setSetXattr, EmptyResponse.parser()));
        register.accept(MetaMethods.REMOVE_XATTR, mutation(RemoveXAttrRequest.parser(), MetaOp.Builder::setRemoveXattr, EmptyResponse.parser()));
        register.accept(MetaMethods.TRUNCATE, mutation(TruncateRequest.parser(), MetaOp.Builder::setTruncate, RecoverLeaseResponse.parser()));
        register.accept(MetaMethods.UPDATE_ACL, mutation(UpdateAclRequest.parser(), MetaOp.Builder::setUpdateAcl, EmptyResponse.parser()));
        register.accept(MetaMethods.SET_QUOTA, mutation(SetQuotaRequest.parser(), MetaOp.Builder::setSetQuota, EmptyResponse.parser()));
        register.accept(MetaMethods.DELETE, mutation(DeleteRequest.parser(), MetaOp.Builder::setDelete, DeleteResponse.parser()));
        register.accept(MetaMethods.SET_PERMISSION, mutation(SetPermissionRequest.parser(), MetaOp.Builder::setSetPermission, EmptyResponse.parser()));
        register.accept(MetaMethods.SET_OWNER, mutation(SetOwnerRequest.parser(), MetaOp.Builder::setSetOwner, EmptyResponse.parser()));
        register.accept(MetaMethods.SET_TIMES, mutation(SetTimesRequest.parser(), MetaOp.Builder::setSetTimes, EmptyResponse.parser()));
        register.accept(MetaMethods.SET_REPLICATION, mutation(SetReplicationRequest.parser(), MetaOp.Builder::setSetReplication, SetReplicationResponse.parser()));
        register.accept(MetaMethods.ADD_BLOCK, needsDataView(mutation(AddBlockRequest.parser(), (b, r) -> b.setAddBlock(r).addAllChosenTargets(targets.choose(r)), AddBlockResponse.parser())));
        register.accept(MetaMethods.COMPLETE, completeOnceReplicated(
                mutation(CompleteRequest.parser(), MetaOp.Builder::setComplete, CompleteResponse.parser())));
        register.accept(MetaMethods.ABANDON_BLOCK, mutation(AbandonBlockRequest.parser(), MetaOp.Builder::setAbandonBlock, EmptyResponse.parser()));
        register.accept(MetaMethods.RECOVER_LEASE, mutation(RecoverLeaseRequest.parser(), MetaOp.Builder::setRecoverLease, RecoverLeaseResponse.parser()));
        register.accept(MetaMethods.APPEND, needsDataView(mutation(AppendRequest.parser(), MetaOp.Builder::setAppend, AppendResponse.parser())));
        register.accept(MetaMethods.UPDATE_PIPELINE, needsDataView(mutation(UpdatePipelineRequest.parser(), MetaOp.Builder::setUpdatePipeline, UpdatePipelineResponse.parser())));
        register.accept(MetaMethods.COMMIT_BLOCK_RECOVERY, mutation(CommitBlockRecoveryRequest.parser(), MetaOp.Builder::setCommitBlockRecovery, EmptyResponse.parser()));

        register.accept(MetaMethods.GET_FILE_STATUS, read(GetFileStatusRequest.parser(),
                (c, req, r) -> GetFileStatusResponse.newBuilder().setStatus(namespace.getFileStatus(c, req.getPath(), r)).build()));
        register.accept(MetaMethods.LIST_STATUS, read(ListStatusRequest.parser(),
                (c, req, r) -> namespace.listStatus(c, req, r)));
        register.accept(MetaMethods.GET_XATTRS, read(GetXAttrsRequest.parser(), namespace::getXAttrs));
        register.accept(MetaMethods.LIST_XATTRS, read(ListXAttrsRequest.parser(), namespace::listXAttrs));
        register.accept(MetaMethods.GET_ACL_STATUS, read(GetAclStatusRequest.parser(),
                (c, req, r) -> namespace.getAclStatus(c, req.getPath(), r)));
        register.accept(MetaMethods.GET_CONTENT_SUMMARY, boundedBy(summarySlots, read(GetContentSummaryRequest.parser(),
                (c, req, r) -> GetContentSummaryResponse.newBuilder().setSummary(namespace.getContentSummary(c, req.getPath(), r)).build(),
                summaryExecutor)));
        register.accept(MetaMethods.GET_BLOCK_LOCATIONS, needsDataView(read(GetBlockLocationsRequest.parser(),
                (c, req, r) -> locate(servableHere(namespace.getBlockLocations(c, req, r)), req.getClientNode()))));
        register.accept(MetaMethods.REPORT_BAD_REPLICA, this::reportBadReplica);

        register.accept(MetaMethods.COORD_COMPARE_AND_SET, mutation(CoordCompareAndSetRequest.parser(),
                Coordination::check, MetaOp.Builder::setCoordCompareAndSet, CoordCompareAndSetResponse.parser()));
        register.accept(MetaMethods.COORD_DELETE, mutation(CoordDeleteRequest.parser(),
                Coordination::check, MetaOp.Builder::setCoordDelete, CoordDeleteResponse.parser()));
        register.accept(MetaMethods.COORD_ACQUIRE_LEASE, mutation(CoordAcquireLeaseRequest.parser(),
                Coordination::check, MetaOp.Builder::setCoordAcquireLease, CoordAcquireLeaseResponse.parser()));
        register.accept(MetaMethods.COORD_RELEASE_LEASE, mutation(CoordReleaseLeaseRequest.parser(),
                Coordination::check, MetaOp.Builder::setCoordReleaseLease, CoordReleaseLeaseResponse.parser()));
        register.accept(MetaMethods.COORD_GET, read(CoordGetRequest.parser(),
                (c, req, r) -> coordination.get(req.getKey(), clockMs.getAsLong(), r)));

        register.accept(MetaMethods.RENEW_LEASE, this::renewLease);
        register.accept(MetaMethods.CLUSTER_STATUS, call -> CompletableFuture.completedFuture(status.status()));
    }

    /**
     * Calls whose answer names blockstores wait (the client retries NOT_READY) while this
     * leader's data-path view is incomplete, e.g. just after it started: better a short wait
     * than "no blockstore available" or "no replica" that are not true. A follower in that state
     * sends follower reads to the leader.
     */
    private RpcHandler needsDataView(RpcHandler handler) {
        return call -> {
            if (!blocks.viewComplete()) {
                if (leader.isLeader()) {
                    return CompletableFuture.failedFuture(new HydraException(ErrorCode.NOT_READY,
                            "this meta leader is still collecting blockstores' block reports; try again shortly"));
                }
                // a follower read: the leader may know the replicas already
                return CompletableFuture.failedFuture(notLeader());
            }
            return handler.handle(call);
        };
    }

    /**
     * A follower knows the replicas that blockstores reported, but not the pipeline of a block
     * being written (the leader records it when it hands the pipeline out): the locations of a
     * file under construction come from the leader only.
     */
    private GetBlockLocationsResponse servableHere(GetBlockLocationsResponse r) throws NotLeaderException {
        if (r.getStatus().getUnderConstruction() && !leader.isLeader()) {
            throw notLeader();
        }
        return r;
    }

    /** Rejects an untrusted request at the edge, before it costs a log entry. */
    @FunctionalInterface
    private interface RequestCheck<Q> {
        void check(Q request) throws HydraException;
    }

    private <Q extends Message, A extends Message> RpcHandler mutation(
            Parser<Q> requestParser, BiConsumer<MetaOp.Builder, Q> setOp, Parser<A> responseParser) {
        return mutation(requestParser, request -> { }, setOp, responseParser);
    }

    private <Q extends Message, A extends Message> RpcHandler mutation(Parser<Q> requestParser,
            RequestCheck<Q> check, BiConsumer<MetaOp.Builder, Q> setOp, Parser<A> responseParser) {
        return call -> {
            try {
                Caller caller = callerOf(call);
                if (call.clientId().size() != 16 || call.callId() <= 0) {
                    throw new HydraException(ErrorCode.MALFORMED_REQUEST,
                            "mutating calls need a 16-byte client id and a positive call id");
                }
                requireLeader();
                diskSpace.admitMutation();
                Q request = parse(requestParser, call);
                check.check(request);
                MetaOp.Builder op = MetaOp.newBuilder().setClientId(call.clientId()).setCallId(call.callId())
                        .setUser(caller.user()).addAllGroups(caller.groups());
                setOp.accept(op, request);
                MetaOp built = op.build();
                return batcher.submit(built).thenApply(result -> {
                    if (result.hasError()) {
                        throw new CompletionException(new HydraException(
                                ErrorCode.fromNumber(result.getError().getCode()), result.getError().getMessage()));
                    }
                    A response;
                    try {
                        response = responseParser.parseFrom(result.getResponse());
                    } catch (InvalidProtocolBufferException e) {
                        throw new IllegalStateException("unparseable response of " + call.method(), e);
                    }
                    trackLease(built, response);
                    return withBlockLocations(built, response);
                });
            } catch (HydraException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    /**
     * Successful writer calls count as lease renewals; a started lease recovery is tracked per file
     * (so that it is retried if it stalls) until its commit.
     */
    private void trackLease(MetaOp op, Message response) {
        long now = clockMs.getAsLong();
        switch (op.getOpCase()) {
            case CREATE -> leases.renew(op.getCreate().getClientName(), now);
            case ADD_BLOCK -> leases.renew(op.getAddBlock().getClientName(), now);
            case APPEND -> leases.renew(op.getAppend().getClientName(), now);
            case UPDATE_PIPELINE -> leases.renew(op.getUpdatePipeline().getClientName(), now);
            case RECOVER_LEASE, TRUNCATE -> {
                RecoverLeaseResponse answer = (RecoverLeaseResponse) response;
                if (!answer.getClosed() && answer.hasRecovering()) {
                    leases.recoveryStarted(answer.getInodeId(), now);
                }
            }
            case COMMIT_BLOCK_RECOVERY -> leases.recoveryEnded(op.getCommitBlockRecovery().getInodeId());
            default -> {
            }
        }
    }

    @FunctionalInterface
    private interface ReadFn<Q, A> {
        A read(Caller caller, Q request, MetaReader reader) throws HydraException;
    }

    private <Q extends Message, A extends Message> RpcHandler read(Parser<Q> requestParser, ReadFn<Q, A> fn) {
        return read(requestParser, fn, readExecutor);
    }

    // Reads run on an executor, never on the thread that released the barrier: measured, serving
    // them inline serialises them on one Ratis thread and costs ~10% of stat throughput.
    private <Q extends Message, A extends Message> RpcHandler read(Parser<Q> requestParser, ReadFn<Q, A> fn,
                                                                  Executor executor) {
        return call -> {
            try {
                Caller caller = callerOf(call);
                Q request = parse(requestParser, call);
                CompletableFuture<Void> ready;
                if (leader.isLeader()) {
                    ready = readBarrier.await();
                } else if (call.followerReadOk() && MetaMethods.READS.contains(call.method())
                        && leader.appliedIndex() >= call.minAppliedIndex()) {
                    // only the namespace reads may be stale-bounded; coordination reads stay linearizable
                    ready = CompletableFuture.completedFuture(null);
                } else {
                    throw notLeader();
                }
                return ready.thenApplyAsync(v -> {
                    try {
                        return stateMachine.read(r -> fn.read(caller, request, r));
                    } catch (HydraException e) {
                        throw new CompletionException(e);
                    }
                }, executor);
            } catch (HydraException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    /**
     * Admits a call only while a slot is free, and frees it when the call is answered: content
     * summaries queue on one thread, and a client that sends many must not grow that queue
     * without bound. The refused call gets NOT_READY, which the SDK retries after a backoff.
     */
    private static RpcHandler boundedBy(Semaphore slots, RpcHandler handler) {
        return call -> {
            if (!slots.tryAcquire()) {
                return CompletableFuture.failedFuture(new HydraException(ErrorCode.NOT_READY,
                        "this meta node already has " + MAX_WAITING_SUMMARIES + " content summaries to compute;"
                                + " try again shortly"));
            }
            CompletableFuture<? extends Message> answer;
            try {
                answer = handler.handle(call);
            } catch (RuntimeException e) {
                slots.release();
                throw e;
            }
            answer.whenComplete((a, e) -> slots.release());
            return answer;
        };
    }

    /**
     * Fills in where the blockstores of a block are (soft state, not in the log) and remembers
     * a new pipeline as the block's expected locations; starts the block recovery a lease
     * recovery asked for.
     */
    @SuppressWarnings("unchecked")
    private <A extends Message> A withBlockLocations(MetaOp op, A response) {
        switch (op.getOpCase()) {
            case ADD_BLOCK -> {
                AddBlockResponse r = (AddBlockResponse) response;
                blocks.expectLocations(r.getBlock().getBlock().getBlockId(), r.getBlock().getTargetsList());
                return (A) r.toBuilder().setBlock(blocks.withLocations(r.getBlock())).build();
            }
            case UPDATE_PIPELINE -> {
                UpdatePipelineResponse r = (UpdatePipelineResponse) response;
                blocks.expectLocations(r.getBlock().getBlock().getBlockId(), r.getBlock().getTargetsList());
                return (A) r.toBuilder().setBlock(blocks.withLocations(r.getBlock())).build();
            }
            case APPEND -> {
                AppendResponse r = (AppendResponse) response;
                if (!r.hasLast()) {
                    return response;
                }
                LocatedBlockProto last = blocks.locateAnyStamp(r.getLast());
                blocks.expectLocations(last.getBlock().getBlockId(), last.getTargetsList());
                return (A) r.toBuilder().setLast(last).build();
            }
            case RECOVER_LEASE, TRUNCATE -> {
                RecoverLeaseResponse r = (RecoverLeaseResponse) response;
                if (!r.getClosed() && r.hasRecovering()) {
                    blocks.startRecovery(r.getInodeId(), r.getRecovering(), r.getTruncate());
                }
                return response;
            }
            default -> {
                return response;
            }
        }
    }

    private GetBlockLocationsResponse locate(GetBlockLocationsResponse r, String readerNode) {
        GetBlockLocationsResponse.Builder out = r.toBuilder().clearBlocks();
        for (LocatedBlockProto b : r.getBlocksList()) {
            out.addBlocks(blocks.locate(b, readerNode));
        }
        return out.build();
    }

    /**
     * complete waits (as HDFS) until a blockstore has reported the last block finalized: the
     * answer is completed=false, without a log entry, and the client asks again.
     */
    private RpcHandler completeOnceReplicated(RpcHandler complete) {
        return call -> {
            try {
                requireLeader();
                CompleteRequest req = parse(CompleteRequest.parser(), call);
                if (req.hasLast() && req.getLast().getNumBytes() > 0 && !blocks.hasFinalizedReplica(req.getLast())) {
                    return CompletableFuture.completedFuture(CompleteResponse.newBuilder().setCompleted(false).build());
                }
                return complete.handle(call);
            } catch (HydraException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    private CompletableFuture<EmptyResponse> reportBadReplica(RpcCall call) {
        try {
            callerOf(call);
            ReportBadReplicaRequest req = parse(ReportBadReplicaRequest.parser(), call);
            blocks.reportBadReplica(req.getBlock(), req.getBlockstoreId());
            return CompletableFuture.completedFuture(EmptyResponse.getDefaultInstance());
        } catch (HydraException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<EmptyResponse> renewLease(RpcCall call) {
        try {
            callerOf(call);
            requireLeader();
            RenewLeaseRequest req = parse(RenewLeaseRequest.parser(), call);
            if (req.getClientName().isEmpty()) {
                throw new HydraException(ErrorCode.INVALID_ARGUMENT, "renewLease needs a client name");
            }
            leases.renew(req.getClientName(), clockMs.getAsLong());
            return CompletableFuture.completedFuture(EmptyResponse.getDefaultInstance());
        } catch (HydraException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void requireLeader() throws NotLeaderException {
        if (!leader.isLeader()) {
            throw notLeader();
        }
    }

    private NotLeaderException notLeader() {
        return new NotLeaderException("this meta node is not the leader", leader.leaderRpcAddress());
    }

    private static Caller callerOf(RpcCall call) throws HydraException {
        if (call.user() == null || call.user().isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "the call does not state a user name");
        }
        return new Caller(call.user(), List.copyOf(call.groups()));
    }

    private static <Q extends Message> Q parse(Parser<Q> parser, RpcCall call) throws HydraException {
        try {
            return parser.parseFrom(call.payload());
        } catch (InvalidProtocolBufferException e) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "request of " + call.method() + " is not valid: "
                    + e.getMessage());
        }
    }
}
