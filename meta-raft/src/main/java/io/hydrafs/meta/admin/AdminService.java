package io.hydrafs.meta.admin;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.hydrafs.meta.blocks.BlockManager;
import io.hydrafs.meta.blocks.BlockstoreState;
import io.hydrafs.meta.coord.Coordination;
import io.hydrafs.meta.namespace.Caller;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import io.hydrafs.protocol.meta.AdminReportRequest;
import io.hydrafs.protocol.meta.AdminReportResponse;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.BlockstoreReport;
import io.hydrafs.protocol.meta.DecommissionRequest;
import io.hydrafs.protocol.meta.DecommissionResponse;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MetaOpResult;
import io.hydrafs.protocol.meta.SnapshotRequest;
import io.hydrafs.protocol.meta.SnapshotResponse;
import io.hydrafs.protocol.meta.TransferLeaderRequest;
import io.hydrafs.protocol.meta.TransferLeaderResponse;
import io.hydrafs.protocol.net.RpcCall;
import io.hydrafs.protocol.net.RpcHandler;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The {@code admin.*} RPC methods (see {@link MetaMethods}): cluster report, leadership
 * transfer, snapshot on demand, decommissioning of blockstores. Every call needs the superuser
 * ({@link SuperuserCheck}). Report acts on the leader's soft state of the blockstores, so only
 * the leader answers it (others answer NOT_LEADER with a hint, and the client follows it);
 * transferLeader runs on the leader too; snapshot is answered by whichever node it is sent to,
 * for that node.
 *
 * <p>Decommission is the one call that goes through the Raft log ({@code set_decommissioning}):
 * the set of decommissioning blockstores is replicated state, so a new leader goes on draining
 * them where the old one stopped. Every node's {@link BlockManager} follows the set as entries
 * apply. The leader checks at the edge that it knows a blockstore before it starts
 * decommissioning it (a typo must not be recorded); ending is allowed for any id, so a
 * blockstore that never comes back can still be taken off the set.
 */
public final class AdminService {
    static final long DEFAULT_TRANSFER_TIMEOUT_MS = 10_000;
    static final long MAX_TRANSFER_TIMEOUT_MS = 120_000;
    static final long SNAPSHOT_TIMEOUT_MS = 60_000;

    /** Ratis's administration of this node (see {@code io.hydrafs.meta.raft.RaftAdmin}). */
    public interface RaftAdministration {
        /** Completes once the target leads; fails with NOT_LEADER off the leader, TIMEOUT after timeoutMs. */
        CompletableFuture<Void> transferLeadership(String targetId, long timeoutMs);

        /** Completes with the index of the snapshot that covers this node's applied state. */
        CompletableFuture<Long> takeSnapshot(long timeoutMs);
    }

    private final SuperuserCheck superuser;
    private final MetaGroupView group;
    private final BlockManager blocks;
    private final RaftAdministration raft;
    private final Function<MetaOp, CompletableFuture<MetaOpResult>> log;

    /** @param log proposes an op to the replicated log and completes with its applied result */
    public AdminService(SuperuserCheck superuser, MetaGroupView group, BlockManager blocks, RaftAdministration raft,
                        Function<MetaOp, CompletableFuture<MetaOpResult>> log) {
        this.superuser = superuser;
        this.group = group;
        this.blocks = blocks;
        this.raft = raft;
        this.log = log;
    }

    /** Registers every admin method on the given registrar (the RPC server's register method). */
    public void registerAll(BiConsumer<String, RpcHandler> register) {
        register.accept(MetaMethods.ADMIN_REPORT, handler("admin report", AdminReportRequest.parser(), true,
                (call, caller, request) -> CompletableFuture.completedFuture(report())));
        register.accept(MetaMethods.ADMIN_TRANSFER_LEADER, handler("leadership transfer",
                TransferLeaderRequest.parser(), true, (call, caller, request) -> transferLeader(request)));
        register.accept(MetaMethods.ADMIN_SNAPSHOT, handler("a snapshot", SnapshotRequest.parser(), false,
                (call, caller, request) -> raft.takeSnapshot(SNAPSHOT_TIMEOUT_MS).thenApply(index ->
                        SnapshotResponse.newBuilder().setNodeId(group.nodeId()).setSnapshotIndex(Math.max(0, index))
                                .build())));
        register.accept(MetaMethods.ADMIN_DECOMMISSION, handler("decommissioning", DecommissionRequest.parser(), true,
                this::decommission));
    }

    @FunctionalInterface
    private interface AdminCall<Q, A> {
        CompletableFuture<A> run(RpcCall call, Caller caller, Q request) throws HydraException;
    }

    private <Q extends Message, A extends Message> RpcHandler handler(String what, Parser<Q> parser,
                                                                       boolean leaderOnly, AdminCall<Q, A> body) {
        return call -> {
            try {
                Caller caller = callerOf(call);
                superuser.require(caller, what);
                if (leaderOnly && !group.isLeader()) {
                    throw new NotLeaderException("this meta node is not the leader", group.leaderRpcAddress());
                }
                return body.run(call, caller, parse(parser, call));
            } catch (HydraException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    private AdminReportResponse report() {
        return AdminReports.report(group.nodeId(), group.currentTerm(), group.members(), blocks.blockstoreStates(),
                blocks.underReplicatedBlocks(), blocks.missingBlocks());
    }

    private CompletableFuture<TransferLeaderResponse> transferLeader(TransferLeaderRequest request)
            throws HydraException {
        String target = request.getTargetNodeId();
        String address = group.rpcAddressOf(target).orElseThrow(() -> new HydraException(ErrorCode.INVALID_ARGUMENT,
                "no meta node '" + target + "' in the group (members: " + String.join(", ",
                        group.members().stream().map(m -> m.getId()).toList()) + ")"));
        long timeoutMs = request.getTimeoutMs() == 0 ? DEFAULT_TRANSFER_TIMEOUT_MS : request.getTimeoutMs();
        if (timeoutMs > MAX_TRANSFER_TIMEOUT_MS) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "transfer timeout at most " + MAX_TRANSFER_TIMEOUT_MS
                    + " ms, got " + timeoutMs);
        }
        return raft.transferLeadership(target, timeoutMs).thenApply(done ->
                TransferLeaderResponse.newBuilder().setLeaderId(target).setLeaderAddress(address).build());
    }

    private CompletableFuture<DecommissionResponse> decommission(RpcCall call, Caller caller,
                                                                 DecommissionRequest request) throws HydraException {
        Coordination.check(request);
        String id = request.getBlockstoreId();
        if (request.getOn()) {
            blocks.requireKnown(id);
        }
        MetaOp.Builder op = MetaOp.newBuilder().setUser(caller.user()).addAllGroups(caller.groups())
                .setSetDecommissioning(request);
        if (call.clientId().size() == 16 && call.callId() > 0) {
            op.setClientId(call.clientId()).setCallId(call.callId()); // a retried call is answered from the cache
        }
        return log.apply(op.build()).thenApply(result -> {
            if (result.hasError()) {
                throw new CompletionException(new HydraException(ErrorCode.fromNumber(result.getError().getCode()),
                        result.getError().getMessage()));
            }
            return DecommissionResponse.newBuilder().setBlockstore(reportOf(id)).build();
        });
    }

    /** The blockstore as this leader knows it; only its id and flag when it has not heard of it. */
    private BlockstoreReport reportOf(String id) {
        return blocks.blockstoreStates().stream().filter(s -> s.id().equals(id)).findFirst()
                .map(AdminReports::blockstore)
                .orElseGet(() -> BlockstoreReport.newBuilder()
                        .setLocation(BlockstoreLocation.newBuilder().setId(id))
                        .setDecommissioning(blocks.isDecommissioning(id))
                        .setDecommissionPendingBlocks(BlockstoreState.NOT_COUNTED).build());
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
