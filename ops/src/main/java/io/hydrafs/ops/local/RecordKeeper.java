package io.hydrafs.ops.local;

import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.UnaryOperator;

/**
 * The cluster record of a {@link LocalProcessCluster} while it runs: kept in memory and written
 * to {@code cluster.properties} whenever a node starts or stops, so that a later command (status,
 * stop, attach) finds the pids. Writing is best effort: a stale record only costs a later
 * command a pid check, which rejects dead pids.
 */
final class RecordKeeper implements NodeGroup.PidRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(RecordKeeper.class);

    private final ClusterLayout layout;
    private ClusterRecord record;

    RecordKeeper(ClusterLayout layout, ClusterRecord record) {
        this.layout = layout;
        this.record = record;
    }

    synchronized ClusterRecord now() {
        return record;
    }

    /** Replaces the record by {@code change} of it and writes it out. */
    synchronized void update(UnaryOperator<ClusterRecord> change) {
        record = change.apply(record);
        try {
            record.save(layout);
        } catch (HydraException e) {
            LOG.warn("cannot update {}", layout.clusterProperties(), e);
        }
    }

    @Override
    public void started(String nodeId, NodePid pid) {
        update(r -> r.withPid(nodeId, pid));
    }

    @Override
    public void stopped(String nodeId) {
        update(r -> r.withoutPid(nodeId));
    }
}
