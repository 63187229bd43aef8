package io.hydrafs.blockstore.meta;

import io.hydrafs.protocol.block.IncrementalBlockReportRequest;
import io.hydrafs.protocol.block.ReplicaReport;
import io.hydrafs.protocol.block.ReplicaState;
import io.hydrafs.protocol.meta.BlockProto;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PendingReportsTest {
    private static BlockProto block(long id, long stamp, long bytes) {
        return BlockProto.newBuilder().setBlockId(id).setGenerationStamp(stamp).setNumBytes(bytes).build();
    }

    private static ReplicaReport report(long id, ReplicaState state) {
        return ReplicaReport.newBuilder().setBlock(block(id, 1, 10)).setState(state).build();
    }

    @Test
    void aLaterChangeOfTheSameBlockReplacesTheEarlierOne() {
        PendingReports pending = new PendingReports();
        pending.received(report(1, ReplicaState.BEING_WRITTEN));
        pending.received(report(1, ReplicaState.FINALIZED));
        pending.received(report(2, ReplicaState.FINALIZED));
        pending.deleted(block(2, 1, 10));

        IncrementalBlockReportRequest taken = pending.take().build();

        assertEquals(1, taken.getReceivedCount());
        assertEquals(ReplicaState.FINALIZED, taken.getReceived(0).getState());
        assertEquals(1, taken.getDeletedCount());
        assertEquals(2, taken.getDeleted(0).getBlockId());
        assertTrue(pending.isEmpty());
    }

    @Test
    void aFailedReportIsPutBackUnderNewerChanges() {
        PendingReports pending = new PendingReports();
        pending.received(report(1, ReplicaState.BEING_WRITTEN));
        pending.received(report(2, ReplicaState.FINALIZED));
        IncrementalBlockReportRequest failed = pending.take().build();
        pending.deleted(block(1, 1, 10));

        pending.putBack(failed);
        IncrementalBlockReportRequest resent = pending.take().build();

        assertEquals(1, resent.getReceivedCount(), "block 2 comes back, block 1's creation is superseded");
        assertEquals(2, resent.getReceived(0).getBlock().getBlockId());
        assertEquals(1, resent.getDeleted(0).getBlockId());
    }
}
