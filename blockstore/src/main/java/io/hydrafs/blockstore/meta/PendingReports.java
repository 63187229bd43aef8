package io.hydrafs.blockstore.meta;

import io.hydrafs.protocol.block.IncrementalBlockReportRequest;
import io.hydrafs.protocol.block.ReplicaReport;
import io.hydrafs.protocol.meta.BlockProto;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replica changes not yet acknowledged by one meta node. Only the latest state of each block
 * matters, so a change replaces any pending one of the same block: a replica created and
 * deleted before a report went out is reported deleted only. A failed send puts its changes
 * back unless newer ones arrived meanwhile. Not thread-safe: the reporter's thread owns it.
 */
final class PendingReports {
    private final Map<Long, ReplicaReport> received = new LinkedHashMap<>();
    private final Map<Long, BlockProto> deleted = new LinkedHashMap<>();

    void received(ReplicaReport report) {
        long id = report.getBlock().getBlockId();
        deleted.remove(id);
        received.put(id, report);
    }

    void deleted(BlockProto block) {
        received.remove(block.getBlockId());
        deleted.put(block.getBlockId(), block);
    }

    boolean isEmpty() {
        return received.isEmpty() && deleted.isEmpty();
    }

    /** Takes every pending change into a request (the caller adds its identity) and empties this. */
    IncrementalBlockReportRequest.Builder take() {
        IncrementalBlockReportRequest.Builder out = IncrementalBlockReportRequest.newBuilder()
                .addAllReceived(received.values()).addAllDeleted(deleted.values());
        received.clear();
        deleted.clear();
        return out;
    }

    /** Puts back the changes of a report that was not delivered, under any newer change. */
    void putBack(IncrementalBlockReportRequest failed) {
        for (ReplicaReport r : failed.getReceivedList()) {
            long id = r.getBlock().getBlockId();
            if (!received.containsKey(id) && !deleted.containsKey(id)) {
                received.put(id, r);
            }
        }
        for (BlockProto b : failed.getDeletedList()) {
            long id = b.getBlockId();
            if (!received.containsKey(id) && !deleted.containsKey(id)) {
                deleted.put(id, b);
            }
        }
    }
}
