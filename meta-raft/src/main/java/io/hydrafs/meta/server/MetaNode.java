package io.hydrafs.meta.server;

import com.codahale.metrics.MetricRegistry;
import io.hydrafs.meta.admin.AdminService;
import io.hydrafs.meta.admin.SuperuserCheck;
import io.hydrafs.meta.blocks.BlockManagementConfigKeys;
import io.hydrafs.meta.blocks.BlockManager;
import io.hydrafs.meta.blocks.BlockPlacementPolicy;
import io.hydrafs.meta.blocks.BlockstoreService;
import io.hydrafs.meta.coord.Coordination;
import io.hydrafs.meta.lease.LeaseManager;
import io.hydrafs.meta.lease.LeaseMonitor;
import io.hydrafs.meta.namespace.Caller;
import io.hydrafs.meta.namespace.Namespace;
import io.hydrafs.meta.namespace.NamespacePolicy;
import io.hydrafs.meta.raft.BatchMetrics;
import io.hydrafs.meta.raft.LeadershipHandoff;
import io.hydrafs.meta.raft.ProposalBatcher;
import io.hydrafs.meta.raft.RaftAdmin;
import io.hydrafs.meta.raft.RatisLog;
import io.hydrafs.meta.raft.ReadBarrier;
import io.hydrafs.meta.resource.DiskSpaceGuard;
import io.hydrafs.meta.service.LeaderView;
import io.hydrafs.meta.service.MetaService;
import io.hydrafs.meta.statemachine.BatchApplier;
import io.hydrafs.meta.statemachine.MetaStateMachine;
import io.hydrafs.meta.statemachine.RetryCache;
import io.hydrafs.meta.statemachine.StoreDigest;
import io.hydrafs.meta.status.MetaStatus;
import io.hydrafs.meta.status.MetaStatusPage;
import io.hydrafs.protocol.config.HydraConfig;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.http.Health;
import io.hydrafs.protocol.http.HttpPage;
import io.hydrafs.protocol.http.StatusHttpServer;
import io.hydrafs.protocol.http.StatusRoutes;
import io.hydrafs.protocol.meta.AddBlockRequest;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.ClusterStatusResponse;
import io.hydrafs.protocol.block.StorageReport;
import io.hydrafs.protocol.meta.FileStatusProto;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.metrics.ProcessMetrics;
import io.hydrafs.protocol.net.RpcServer;
import io.hydrafs.protocol.net.RpcServerOptions;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One metadata node: a Ratis server whose state machine is the namespace over RocksDB, and the
 * client RPC service in front of it. This class only wires the parts together and owns their
 * lifecycle: start builds everything in dependency order, {@link #close()} tears it down in
 * reverse, and nothing here holds namespace logic.
 *
 * <p>Directory layout under {@code hydra.meta.dir}: {@code raft/} (Ratis log and snapshot
 * checkpoints), {@code store/} (the live RocksDB database).
 */
public final class MetaNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetaNode.class);

    private final MetaNodeConfig config;
    private final MetricRegistry metrics = new ProcessMetrics();
    private final RaftGroupId groupId;
    private final RaftDivisionView division;
    private final MetaStateMachine stateMachine;
    private final RaftServer raftServer;
    private final RpcServer rpcServer;
    private final ServiceExecutors executors;
    private final ScheduledExecutorService duties;
    private final ExecutorService raftSubmitter;
    private final ProposalBatcher batcher;
    private final LeaseMonitor leaseMonitor;
    private final BlockManager blocks;
    private final BlockOwnerLookup blockOwners;
    private final long replicationIntervalMs;
    private final Namespace namespace;
    private final RaftAdmin raftAdmin;
    private final long handoffBudgetMs;
    private final DiskSpaceGuard diskSpace;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile StatusHttpServer http;

    private MetaNode(MetaNodeConfig config) throws IOException {
        this.config = config;
        this.groupId = RaftServerFactory.groupIdOf(config.clusterId());
        NamespacePolicy policy = NamespacePolicy.fromConfig(config.raw());
        Namespace namespace = new Namespace(policy);
        BatchApplier applier = new BatchApplier(namespace, new RetryCache());
        LeaseManager leases = new LeaseManager(config.leaseHardLimitMs());
        HydraConfig raw = config.raw();
        this.blocks = new BlockManager(new BlockPlacementPolicy(new Random()), MetaNode::monotonicMs,
                raw.get(BlockManagementConfigKeys.DEAD_TIMEOUT_MS), raw.get(BlockManagementConfigKeys.PENDING_TIMEOUT_MS),
                raw.get(BlockManagementConfigKeys.READY_DELAY_MS),
                raw.get(BlockManagementConfigKeys.MAX_ORDERS_PER_HEARTBEAT),
                raw.get(BlockManagementConfigKeys.REPLICATION_WALK_SLICE_BLOCKS));
        this.replicationIntervalMs = raw.get(BlockManagementConfigKeys.REPLICATION_INTERVAL_MS);
        this.namespace = namespace;

        this.executors = new ServiceExecutors(config.nodeId());
        this.duties = Executors.newSingleThreadScheduledExecutor(ServiceExecutors.daemon("meta-duties-" + config.nodeId()));

        // The role listener fires on Ratis threads: hand the work to our own duty thread.
        LeaseMonitor[] monitor = new LeaseMonitor[1];
        RatisLog[] logRef = new RatisLog[1];
        this.stateMachine = new MetaStateMachine(config.dataDir().resolve("store"), applier, namespace::isFormatted,
                new MetaStateMachine.RoleListener() {
                    @Override
                    public void onLeaderReady(long term) {
                        LOG.info("{} is leader (term {})", config.nodeId(), term);
                        blocks.onLeader(term);
                        // An empty batch formats a fresh namespace (with the leader's clock) so that
                        // reads work before the first write; on a formatted store it is a no-op.
                        try {
                            duties.execute(() -> logRef[0].propose(MetaBatch.newBuilder()
                                    .setTimestampMs(System.currentTimeMillis()).build()));
                            duties.execute(() -> monitor[0].onLeaderReady());
                            duties.execute(MetaNode.this::loadDecommissioning);
                        } catch (java.util.concurrent.RejectedExecutionException stopping) {
                            // the node is closing: nothing to lead
                        }
                    }

                    @Override
                    public void onNotLeader() {
                        blocks.onNotLeader();
                        try {
                            duties.execute(() -> monitor[0].onNotLeader());
                        } catch (java.util.concurrent.RejectedExecutionException stopping) {
                            // the node is closing
                        }
                    }
                });
        stateMachine.setAppliedBlockEvents(blocks);
        this.blockOwners = new BlockOwnerLookup(stateMachine, namespace);
        this.raftServer = RaftServerFactory.build(config, stateMachine, config.dataDir().resolve("raft"));
        this.division = new RaftDivisionView(raftServer, groupId,
                config.peers().stream().collect(Collectors.toMap(MetaPeer::id, Function.identity())));

        // One thread submits to Ratis and also fires the batcher's linger deadlines: a deadline is
        // followed by a submission anyway, so they share the wake-up.
        ScheduledThreadPoolExecutor submitter = new ScheduledThreadPoolExecutor(1,
                ServiceExecutors.daemon("meta-raft-submit-" + config.nodeId()));
        submitter.setRemoveOnCancelPolicy(true);
        this.raftSubmitter = submitter;
        RatisLog log = new RatisLog(raftServer, groupId, division::rpcAddressOf, raftSubmitter);
        logRef[0] = log;
        ProposalBatcher batcher = new ProposalBatcher(log, System::currentTimeMillis,
                config.maxOpsPerBatch(), config.maxBatchesInFlight())
                .maxQueuedOps(config.maxQueuedOps())
                .lingerWith(TimeUnit.MICROSECONDS.toNanos(config.batchLingerMicros()), System::nanoTime,
                        (task, delayNanos) -> {
                            try {
                                ScheduledFuture<?> f = submitter.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                                return () -> f.cancel(false);
                            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                                return () -> { }; // the node is closing: nothing will be proposed anyway
                            }
                        })
                .retryCacheTtl(config.retryCacheTtlMs())
                .notEarlierThan(stateMachine::storedBatchTimeMs)
                .observeWith(new BatchMetrics(metrics));
        this.batcher = batcher;
        stateMachine.setAppliedBatchListener(batcher::applied);
        ReadBarrier barrier = new ReadBarrier(log::readIndexRound);
        this.leaseMonitor = new LeaseMonitor(leases, () -> stateMachine.read(namespace::filesUnderConstruction),
                batcher::submit, System::currentTimeMillis, policy.superuser());
        monitor[0] = leaseMonitor;
        leaseMonitor.setRecoveryStarter(blocks::startRecovery);
        Caller superuser = new Caller(policy.superuser(), List.of());

        LeaderView leaderView = new LeaderView() {
            @Override
            public boolean isLeader() {
                return MetaNode.this.isLeader();
            }

            @Override
            public String leaderRpcAddress() {
                return MetaNode.this.leaderRpcAddress();
            }

            @Override
            public long appliedIndex() {
                return stateMachine.appliedIndex();
            }
        };
        this.diskSpace = DiskSpaceGuard.ofFileStores("meta node " + config.nodeId(),
                List.of(config.dataDir().resolve("raft"), config.dataDir().resolve("store")), config.diskReservedBytes());
        MetaService service = new MetaService(namespace, stateMachine, batcher, barrier, leaderView, leases,
                request -> chooseTargets(superuser, request), executors.reads(), executors.summaries(), System::currentTimeMillis,
                this::clusterStatus, blocks, diskSpace);

        MetaPeer self = config.self();
        this.rpcServer = new RpcServer(self.host(), self.rpcPort(), RpcServerOptions.fromConfig(config.raw())
                .withMetrics(metrics)
                .withAppliedIndex(stateMachine::answeredIndex));
        service.registerAll(rpcServer::register);
        new BlockstoreService(blocks, this::currentTerm, executors.reports()).registerAll(rpcServer::register);
        this.raftAdmin = new RaftAdmin(raftServer, groupId, division::rpcAddressOf);
        this.handoffBudgetMs = raw.get(MetaNodeConfig.SHUTDOWN_HANDOFF_MS);
        new AdminService(SuperuserCheck.of(policy), new RatisGroupView(config, division, stateMachine::appliedIndex),
                blocks, new AdminService.RaftAdministration() {
                    @Override
                    public java.util.concurrent.CompletableFuture<Void> transferLeadership(String targetId,
                                                                                          long timeoutMs) {
                        return raftAdmin.transferLeadership(targetId, timeoutMs);
                    }

                    @Override
                    public java.util.concurrent.CompletableFuture<Long> takeSnapshot(long timeoutMs) {
                        return raftAdmin.takeSnapshot(timeoutMs);
                    }
                }, batcher::submit).registerAll(rpcServer::register);
        MetaNodeGauges.register(metrics, this, stateMachine, diskSpace);
    }

    /** For tests: the one thread content summaries run on (holding it shows that no other read waits for it). */
    public java.util.concurrent.Executor summaryExecutorForTests() {
        return executors.summaries();
    }

    /** Starts a node; returns once its RPC service and Raft server are up (not necessarily with a leader). */
    public static MetaNode start(MetaNodeConfig config) throws IOException {
        MetaNode node = new MetaNode(config);
        try {
            node.raftServer.start();
            node.diskSpace.check();
            node.duties.scheduleWithFixedDelay(node::checkDiskSpace, 1, 1, TimeUnit.SECONDS);
            node.rpcServer.start();
            node.http = StatusHttpServer.start(config.self().host(), config.httpPort(), node.statusRoutes(), null);
            node.duties.scheduleWithFixedDelay(node::leaderDuties, 1, 1, TimeUnit.SECONDS);
            node.duties.scheduleWithFixedDelay(node::replicationDuty, node.replicationIntervalMs,
                    node.replicationIntervalMs, TimeUnit.MILLISECONDS);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        LOG.info("meta node {} started: raft {} rpc {} http {}", config.nodeId(), config.self().raftAddress(),
                config.self().rpcAddress(), node.http.port());
        return node;
    }

    private StatusRoutes statusRoutes() {
        return new StatusRoutes(metrics, this::health, Map.of("/", () -> HttpPage.html(MetaStatusPage.render(status()))));
    }

    /**
     * Healthy = this node's Raft server is running and knows a leader (itself or another), i.e.
     * it is part of a working group and can serve or redirect clients. A node cut off from a
     * majority loses its leader on the next election timeout and turns unhealthy.
     */
    private Health health() {
        if (closed.get()) {
            return Health.failing("meta node is stopping");
        }
        Optional<DivisionInfo> info = division.info();
        if (info.isEmpty() || !info.get().isAlive()) {
            return Health.failing("Raft server is not running");
        }
        if (info.get().getLeaderId() == null) {
            return Health.failing("no meta leader known");
        }
        return Health.ok();
    }

    /** A snapshot of this node and its view of the cluster, for the status page. */
    public MetaStatus status() {
        String leader = division.leaderId().map(RaftPeerId::toString).orElse("");
        List<MetaStatus.Member> members = config.peers().stream()
                .map(p -> new MetaStatus.Member(p.id(), p.raftAddress(), p.rpcAddress())).toList();
        return new MetaStatus(config.nodeId(), role(), currentTerm(), appliedIndex(),
                leader, leaderRpcAddress(), members, blocks.blockstoreViews(),
                blocks.underReplicatedBlocks(), blocks.missingBlocks());
    }

    /** The port of the status HTTP server (the chosen one if 0 was configured). */
    public int httpPort() {
        StatusHttpServer h = http;
        if (h == null) {
            throw new IllegalStateException("the status HTTP server of " + config.nodeId() + " is not running");
        }
        return h.port();
    }

    /**
     * A new leader takes the decommissioning set from the replicated state. The applied index is
     * read first, so the set read after it is at least that fresh (see BlockManager).
     */
    private void loadDecommissioning() {
        long index = stateMachine.appliedIndex();
        try {
            blocks.loadDecommissioning(stateMachine.readUnchecked(Coordination::decommissioning), index);
        } catch (HydraException e) {
            // the store is being replaced (not expected on a leader): the set stays as applied entries left it
            LOG.warn("could not load the decommissioning set: {}", e.getMessage());
        }
    }

    private void leaderDuties() {
        try {
            if (isLeader()) {
                leaseMonitor.check();
            }
        } catch (RuntimeException e) {
            LOG.warn("leader duty failed", e);
        }
    }

    private void checkDiskSpace() {
        try {
            diskSpace.check();
        } catch (RuntimeException e) {
            LOG.warn("disk space check failed", e);
        }
    }

    private void replicationDuty() {
        try {
            if (isLeader()) {
                blocks.checkReplication(blockOwners);
            }
        } catch (RuntimeException e) {
            LOG.warn("replication check failed", e);
        }
    }

    /** Placement for a new block: the file's replication and block size come from the namespace. */
    private List<String> chooseTargets(Caller superuser, AddBlockRequest request) {
        FileStatusProto file;
        try {
            file = stateMachine.read(r -> namespace.getFileStatus(superuser, request.getFileId() == 0
                    ? request.getPath() : namespace.pathOf(request.getFileId(), r).orElse(request.getPath()), r));
        } catch (HydraException e) {
            return List.of(); // the op itself reports what is wrong with the path
        }
        return blocks.chooseTargets((int) file.getReplication(), file.getBlockSize(), request.getClientNode(),
                request.getExcludedNodesList());
    }

    private static long monotonicMs() {
        return System.nanoTime() / 1_000_000;
    }

    /** Live blockstores as this node sees them. */
    public int liveBlockstores() {
        return blocks.liveBlockstores();
    }

    public BlockManager blocks() {
        return blocks;
    }

    public String id() {
        return config.nodeId();
    }

    public String rpcAddress() {
        return config.self().host() + ":" + rpcServer.port();
    }

    public MetricRegistry metrics() {
        return metrics;
    }

    public long appliedIndex() {
        return stateMachine.appliedIndex();
    }

    public boolean isLeader() {
        return division.isLeader();
    }

    public long currentTerm() {
        return division.currentTerm();
    }

    public String role() {
        return division.role();
    }

    /** A digest of every table of this node's store (see StoreDigest); equal digests = equal state. */
    public String storeDigest() throws HydraException {
        return stateMachine.readUnchecked(StoreDigest::of);
    }

    String leaderRpcAddress() {
        return division.leaderRpcAddress();
    }

    private ClusterStatusResponse clusterStatus() {
        ClusterStatusResponse.Builder b = ClusterStatusResponse.newBuilder()
                .setNodeId(config.nodeId())
                .setRole(role())
                .setTerm(currentTerm())
                .setAppliedIndex(appliedIndex())
                .setLeaderAddress(leaderRpcAddress());
        division.leaderId().ifPresent(id -> b.setLeaderId(id.toString()));
        config.peers().forEach(p -> b.addPeers(p.toString()));
        b.setLiveBlockstores(blocks.liveBlockstores()).setDeadBlockstores(blocks.deadBlockstores())
                .setReportedBlockstores(blocks.reportedBlockstores()).setDataViewComplete(blocks.viewComplete());
        b.setDefaultReplication(namespace.policy().defaultReplication())
                .setDefaultBlockSize(namespace.policy().defaultBlockSizeBytes());
        StorageReport storage = blocks.liveStorage();
        b.setCapacityBytes(storage.getCapacityBytes()).setUsedBytes(storage.getUsedBytes())
                .setRemainingBytes(storage.getRemainingBytes());
        return b.build();
    }

    /** A clean stop: a leader hands leadership to a follower first (as on SIGTERM), then everything closes. */
    @Override
    public void close() {
        stop(true);
    }

    /** Stops at once, leader or not, as a crash would (tests of failover); the data stays consistent. */
    public void halt() {
        stop(false);
    }

    private void stop(boolean handOff) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("meta node {} stopping", config.nodeId());
        if (handOff) {
            handOffLeadership();
        }
        StatusHttpServer h = http;
        if (h != null) {
            h.close();
        }
        rpcServer.close();
        duties.shutdownNow();
        try {
            raftServer.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("closing the raft server of {} failed", config.nodeId(), e);
        }
        // Before the submit thread drops its queue: the calls it holds would otherwise never be answered.
        batcher.close();
        executors.close();
        raftSubmitter.shutdownNow();
        try {
            duties.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("meta node {} stopped", config.nodeId());
    }

    /** A leader that stops first makes a follower leader (see LeadershipHandoff); the rest stop as they are. */
    private void handOffLeadership() {
        if (!division.info().map(DivisionInfo::isLeader).orElse(false) || config.peers().size() < 2
                || handoffBudgetMs <= 0) {
            return;
        }
        try {
            Optional<String> next = LeadershipHandoff.handOff(division::roleInfo, raftAdmin, handoffBudgetMs,
                    config.raw().get(MetaNodeConfig.ELECTION_MAX_MS) * 2);
            if (next.isPresent()) {
                LOG.info("meta node {} handed leadership over before stopping: {} leads", config.nodeId(), next.get());
            } else {
                LOG.warn("meta node {} stops as leader: no follower took over within {} ms", config.nodeId(),
                        handoffBudgetMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("meta node {}: handing leadership over failed", config.nodeId(), e);
        }
    }
}
