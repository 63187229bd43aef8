package io.hydrafs.blockstore.meta;

import io.hydrafs.blockstore.storage.ReplicaInfo;
import io.hydrafs.blockstore.storage.ReplicaListener;
import io.hydrafs.protocol.block.BlockOrder;
import io.hydrafs.protocol.block.BlockstoreMethods;
import io.hydrafs.protocol.block.FullBlockReportRequest;
import io.hydrafs.protocol.block.HeartbeatRequest;
import io.hydrafs.protocol.block.HeartbeatResponse;
import io.hydrafs.protocol.block.IncrementalBlockReportRequest;
import io.hydrafs.protocol.block.ReplicaReport;
import io.hydrafs.protocol.block.ReplicaState;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.meta.EmptyResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps every meta node informed about this blockstore: a heartbeat to each node every
 * interval, a full block report at start, periodically, and whenever a node asks for one, and
 * incremental reports as soon as replicas change. The leader's orders arrive in heartbeat
 * answers and are passed on (after the term check) to the order sink.
 *
 * <p>All state lives on one scheduler thread: listener callbacks and RPC completions hop onto
 * it. At most one call of each kind is in flight per node, and incremental reports to a node
 * wait while a full report to it is in flight, so a node never applies an older full report
 * over a newer change. A node that is down simply fails its calls; they are retried on the
 * next tick and pending changes are kept.
 */
public final class MetaReporter implements ReplicaListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetaReporter.class);

    /** What the reporter needs from the blockstore. */
    public interface Source {
        BlockstoreLocation location();

        /** The heartbeat body without location and start time. */
        HeartbeatRequest.Builder heartbeat();

        /** Every replica, for a full report. */
        List<ReplicaInfo> replicas();
    }

    private final List<NodeState> nodes;
    private final Source source;
    private final long startTimeMs;
    private final long heartbeatIntervalMs;
    private final long fullReportIntervalMs;
    private final OrderTermFilter terms;
    private final Consumer<BlockOrder> orders;
    private final ScheduledExecutorService thread;
    /** Wall-clock time of the last heartbeat any meta node answered; 0 = none yet. */
    private volatile long lastHeartbeatAnsweredMs;

    public MetaReporter(MetaLinks links, Source source, long startTimeMs, long heartbeatIntervalMs,
                        long fullReportIntervalMs, OrderTermFilter terms, Consumer<BlockOrder> orders) {
        this.nodes = links.all().stream().map(NodeState::new).toList();
        this.source = source;
        this.startTimeMs = startTimeMs;
        this.heartbeatIntervalMs = heartbeatIntervalMs;
        this.fullReportIntervalMs = fullReportIntervalMs;
        this.terms = terms;
        this.orders = orders;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "blockstore-reporter-" + source.location().getId());
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::tick, 0, heartbeatIntervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void replicaBeingWritten(ReplicaInfo replica) {
        changed(report(replica, ReplicaState.BEING_WRITTEN));
    }

    @Override
    public void replicaFinalized(ReplicaInfo replica) {
        changed(report(replica, ReplicaState.FINALIZED));
    }

    @Override
    public void replicaDeleted(ReplicaInfo replica) {
        onThread(() -> {
            for (NodeState n : nodes) {
                n.pending.deleted(replica.toBlock());
            }
            sendIncrementals();
        });
    }

    private void changed(ReplicaReport report) {
        onThread(() -> {
            for (NodeState n : nodes) {
                n.pending.received(report);
            }
            sendIncrementals();
        });
    }

    private static ReplicaReport report(ReplicaInfo replica, ReplicaState state) {
        return ReplicaReport.newBuilder().setBlock(replica.toBlock()).setState(state).build();
    }

    private void onThread(Runnable r) {
        try {
            thread.execute(() -> {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.error("blockstore reporter step failed", e);
                }
            });
        } catch (RejectedExecutionException closing) {
            // the blockstore is stopping: meta nodes learn the rest from its next full report
        }
    }

    private void tick() {
        try {
            long now = System.currentTimeMillis();
            for (NodeState n : nodes) {
                if (now - n.lastFullReportMs >= fullReportIntervalMs) {
                    n.fullReportWanted = true;
                }
                sendHeartbeat(n);
                sendFullReport(n);
            }
            sendIncrementals();
        } catch (RuntimeException e) {
            LOG.error("blockstore reporter tick failed", e);
        }
    }

    private void sendHeartbeat(NodeState n) {
        if (n.heartbeatInFlight) {
            return;
        }
        n.heartbeatInFlight = true;
        HeartbeatRequest request = source.heartbeat().setBlockstore(source.location()).setStartTimeMs(startTimeMs)
                .build();
        n.link.call(BlockstoreMethods.HEARTBEAT, request, HeartbeatResponse.parser())
                .whenComplete((response, error) -> onThread(() -> {
                    n.heartbeatInFlight = false;
                    if (error != null) {
                        n.noteFailure("heartbeat", error);
                        return;
                    }
                    n.noteSuccess();
                    lastHeartbeatAnsweredMs = System.currentTimeMillis();
                    terms.observe(response.getTerm());
                    if (response.getFullReportWanted()) {
                        n.fullReportWanted = true;
                        sendFullReport(n);
                    }
                    for (BlockOrder order : response.getOrdersList()) {
                        if (terms.accept(order.getTerm())) {
                            orders.accept(order);
                        } else {
                            LOG.info("ignoring an order of term {} from {}: term {} has been seen", order.getTerm(),
                                    n.link.address(), terms.highestTerm());
                        }
                    }
                }));
    }

    private void sendFullReport(NodeState n) {
        if (!n.fullReportWanted || n.fullReportInFlight || n.incrementalInFlight) {
            return;
        }
        n.fullReportInFlight = true;
        n.fullReportWanted = false;
        FullBlockReportRequest.Builder request = FullBlockReportRequest.newBuilder()
                .setBlockstore(source.location()).setStartTimeMs(startTimeMs);
        for (ReplicaInfo r : source.replicas()) {
            request.addReplicas(report(r, r.finalized() ? ReplicaState.FINALIZED : ReplicaState.BEING_WRITTEN));
        }
        n.link.call(BlockstoreMethods.FULL_BLOCK_REPORT, request.build(), EmptyResponse.parser())
                .whenComplete((ok, error) -> onThread(() -> {
                    n.fullReportInFlight = false;
                    if (error != null) {
                        n.fullReportWanted = true;
                        n.noteFailure("full block report", error);
                    } else {
                        n.lastFullReportMs = System.currentTimeMillis();
                    }
                    sendIncrementals();
                }));
    }

    private void sendIncrementals() {
        for (NodeState n : nodes) {
            if (n.incrementalInFlight || n.fullReportInFlight || n.pending.isEmpty()) {
                continue;
            }
            n.incrementalInFlight = true;
            IncrementalBlockReportRequest request = n.pending.take().setBlockstore(source.location())
                    .setStartTimeMs(startTimeMs).build();
            n.link.call(BlockstoreMethods.INCREMENTAL_BLOCK_REPORT, request, EmptyResponse.parser())
                    .whenComplete((ok, error) -> onThread(() -> {
                        n.incrementalInFlight = false;
                        if (error != null) {
                            n.pending.putBack(request);
                            n.noteFailure("incremental block report", error);
                            return; // retried on the next tick, not in a tight loop
                        }
                        sendFullReport(n);
                        sendIncrementals();
                    }));
        }
    }

    /** When a meta node last answered a heartbeat (wall-clock ms), or 0 if none has yet. Any thread. */
    public long lastHeartbeatAnsweredMs() {
        return lastHeartbeatAnsweredMs;
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the reporter knows about one meta node. Touched only on the reporter thread. */
    private static final class NodeState {
        final MetaLink link;
        final PendingReports pending = new PendingReports();
        boolean heartbeatInFlight;
        boolean fullReportInFlight;
        boolean incrementalInFlight;
        boolean fullReportWanted = true;
        long lastFullReportMs;
        boolean reachable = true;

        NodeState(MetaLink link) {
            this.link = link;
        }

        void noteFailure(String what, Throwable error) {
            if (reachable) {
                LOG.warn("{} to meta node {} failed: {}", what, link.address(), rootMessage(error));
                reachable = false;
            }
        }

        void noteSuccess() {
            if (!reachable) {
                LOG.info("meta node {} answers again", link.address());
                reachable = true;
            }
        }

        private static String rootMessage(Throwable t) {
            while (t.getCause() != null) {
                t = t.getCause();
            }
            return t.getMessage();
        }
    }
}
