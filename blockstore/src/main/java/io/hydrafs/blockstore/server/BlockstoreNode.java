package io.hydrafs.blockstore.server;

import io.hydrafs.protocol.net.RpcEventLoops;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.hydrafs.protocol.metrics.ProcessMetrics;
import io.hydrafs.blockstore.meta.MetaLinks;
import io.hydrafs.blockstore.meta.MetaReporter;
import io.hydrafs.blockstore.meta.OrderExecutor;
import io.hydrafs.blockstore.meta.OrderTermFilter;
import io.hydrafs.blockstore.meta.ReplicaTransfers;
import io.hydrafs.blockstore.scanner.BlockScanner;
import io.hydrafs.blockstore.storage.FsReplicaStore;
import io.hydrafs.blockstore.storage.ReplicaInfo;
import io.hydrafs.blockstore.storage.StorageOptions;
import io.hydrafs.blockstore.storage.StorageSummary;
import io.hydrafs.blockstore.transfer.DataTransferServer;
import io.hydrafs.blockstore.transfer.ReplicaRecoveryClient;
import io.hydrafs.blockstore.transfer.ReplicaSender;
import io.hydrafs.blockstore.transfer.TransferSettings;
import io.hydrafs.protocol.block.HeartbeatRequest;
import io.hydrafs.protocol.block.StorageReport;
import io.hydrafs.protocol.config.ClusterConfigKeys;
import io.hydrafs.protocol.config.HydraConfig;
import io.hydrafs.protocol.data.InitReplicaRecoveryResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.MetaMethods;
import io.hydrafs.protocol.meta.ReportBadReplicaRequest;
import io.hydrafs.protocol.http.StatusHttpServer;
import io.hydrafs.protocol.http.StatusRoutes;
import io.hydrafs.protocol.net.RpcClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One blockstore process: replicas on local disks ({@link FsReplicaStore}), the data transfer
 * server clients and other blockstores talk to, the reporter that keeps every meta node
 * informed, the executor of the leader's orders, and the background block scanner. This class
 * only wires them together and owns their lifecycle: {@link #start} builds them in dependency
 * order and {@link #close()} stops them in reverse.
 */
public final class BlockstoreNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockstoreNode.class);
    private static final long REPORT_CALL_TIMEOUT_MS = 30_000;

    private final MetricRegistry metrics = new ProcessMetrics();
    private final List<AutoCloseable> started = new ArrayList<>();
    private FsReplicaStore store;
    private DataTransferServer server;
    private BlockstoreLocation location;
    private StatusHttpServer http;

    private BlockstoreNode() {
    }

    /** Starts a blockstore from its configuration; fails with a clear error and nothing left running. */
    public static BlockstoreNode start(HydraConfig config) throws HydraException {
        BlockstoreNode node = new BlockstoreNode();
        try {
            node.startParts(config);
            return node;
        } catch (HydraException | RuntimeException e) {
            node.close();
            throw e;
        }
    }

    private void startParts(HydraConfig config) throws HydraException {
        config.validate(BlockstoreConfigKeys.ALL);
        List<String> metaAddresses = Arrays.stream(config.get(ClusterConfigKeys.META_ADDRESSES).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (metaAddresses.isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, ClusterConfigKeys.META_ADDRESSES.name()
                    + " is not set: a blockstore must know the meta nodes");
        }
        StorageOptions storageOptions = StorageOptions.fromConfig(config);
        store = FsReplicaStore.open(storageOptions, config.get(BlockstoreConfigKeys.ID));
        started.add(store);
        if (store.summary().activeVolumes() == 0) {
            // A blockstore without a disk would register, be offered in pipelines and fail every write.
            throw new HydraException(ErrorCode.DISK_FAILED, "no usable data directory: "
                    + String.join("; ", store.volumeFailures()));
        }
        String id = store.blockstoreId();

        RpcEventLoops loops = new RpcEventLoops("blockstore-" + id, 2);
        started.add(loops);
        TransferSettings settings = TransferSettings.defaults()
                .withMaxConnections(config.get(BlockstoreConfigKeys.DATA_MAX_CONNECTIONS));
        String host = config.get(BlockstoreConfigKeys.HOST);
        server = new DataTransferServer(host, config.get(BlockstoreConfigKeys.DATA_PORT), store, settings, loops);
        started.add(server);
        server.start();
        location = BlockstoreLocation.newBuilder().setId(id).setHost(host).setDataPort(server.port())
                .setRack(config.get(BlockstoreConfigKeys.RACK)).build();

        MetaLinks meta = new MetaLinks(metaAddresses, RpcClientOptions.fromConfig(config),
                System.getProperty("user.name", "hydra"));
        started.add(meta);
        ReplicaTransfers transfers = transfers(new ReplicaSender(store, loops, settings, id),
                new ReplicaRecoveryClient(loops, settings));
        OrderExecutor orders = new OrderExecutor(id, store, transfers, meta,
                config.get(BlockstoreConfigKeys.ORDER_THREADS));
        started.add(orders);
        MetaReporter reporter = new MetaReporter(meta, reporterSource(), System.currentTimeMillis(),
                config.get(BlockstoreConfigKeys.HEARTBEAT_INTERVAL_MS),
                config.get(BlockstoreConfigKeys.FULL_REPORT_INTERVAL_MS), new OrderTermFilter(), orders);
        store.addListener(reporter);
        started.add(reporter);
        reporter.start();

        BlockScanner scanner = BlockScanner.of(store, storageOptions, (replica, reason) ->
                reportCorrupt(meta, replica, reason));
        started.add(scanner);
        scanner.start();
        registerMetrics();
        long silenceLimitMs = BlockstoreHealth.silenceLimitMs(config.get(BlockstoreConfigKeys.HEARTBEAT_INTERVAL_MS));
        http = StatusHttpServer.start(host, config.get(BlockstoreConfigKeys.HTTP_PORT), new StatusRoutes(metrics,
                () -> BlockstoreHealth.of(store.summary(), reporter.lastHeartbeatAnsweredMs(),
                        System.currentTimeMillis(), silenceLimitMs)), loops);
        started.add(http);
        LOG.info("blockstore {} serving data on {}:{} (rack '{}'), status HTTP on port {}", id, host, server.port(),
                location.getRack(), http.port());
    }

    private static ReplicaTransfers transfers(ReplicaSender sender, ReplicaRecoveryClient recovery) {
        return new ReplicaTransfers() {
            @Override
            public void replicate(BlockProto block, List<BlockstoreLocation> targets) throws HydraException {
                sender.replicate(block, targets);
            }

            @Override
            public InitReplicaRecoveryResponse initRecovery(BlockstoreLocation at, BlockProto block, long stamp)
                    throws HydraException {
                return recovery.initRecovery(at, block, stamp);
            }

            @Override
            public void finalizeRecovery(BlockstoreLocation at, BlockProto agreed, long stamp) throws HydraException {
                recovery.finalizeRecovery(at, agreed.getBlockId(), stamp, agreed.getNumBytes());
            }
        };
    }

    private MetaReporter.Source reporterSource() {
        return new MetaReporter.Source() {
            @Override
            public BlockstoreLocation location() {
                return location;
            }

            @Override
            public HeartbeatRequest.Builder heartbeat() {
                StorageSummary s = store.summary();
                return HeartbeatRequest.newBuilder().setStorage(StorageReport.newBuilder()
                                .setCapacityBytes(s.capacityBytes()).setUsedBytes(s.usedBytes())
                                .setRemainingBytes(s.remainingBytes()).setActiveVolumes(s.activeVolumes())
                                .setFailedVolumes(s.failedVolumes()))
                        .setTransfersInProgress(server.transfersInProgress());
            }

            @Override
            public List<ReplicaInfo> replicas() {
                return store.replicas();
            }
        };
    }

    private void reportCorrupt(MetaLinks meta, ReplicaInfo replica, String reason) {
        try {
            meta.callLeader(MetaMethods.REPORT_BAD_REPLICA, ReportBadReplicaRequest.newBuilder()
                    .setBlock(replica.toBlock()).setBlockstoreId(location.getId()).setReason(reason).build(),
                    EmptyResponse.parser(), REPORT_CALL_TIMEOUT_MS);
        } catch (HydraException e) {
            LOG.warn("reporting corrupt replica of block {} failed: {}", replica.blockId(), e.getMessage());
        }
    }

    private void registerMetrics() {
        metrics.register("blockstore.replicas", (Gauge<Integer>) () -> store.replicas().size());
        metrics.register("blockstore.capacity.bytes", (Gauge<Long>) () -> store.summary().capacityBytes());
        metrics.register("blockstore.remaining.bytes", (Gauge<Long>) () -> store.summary().remainingBytes());
        metrics.register("blockstore.volumes.failed", (Gauge<Integer>) () -> store.summary().failedVolumes());
        metrics.register("blockstore.transfers.in.progress", (Gauge<Integer>) () -> server.transfersInProgress());
    }

    public String id() {
        return location.getId();
    }

    public BlockstoreLocation location() {
        return location;
    }

    public FsReplicaStore store() {
        return store;
    }

    public MetricRegistry metrics() {
        return metrics;
    }

    /** The port of the status HTTP server (the chosen one if 0 was configured). */
    public int httpPort() {
        return http.port();
    }

    /** Stops everything; replicas stay on disk. Idempotent. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                LOG.warn("stopping a blockstore part failed", e);
            }
        }
        started.clear();
    }
}
