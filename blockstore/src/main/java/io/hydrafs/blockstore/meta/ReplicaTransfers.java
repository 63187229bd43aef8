package io.hydrafs.blockstore.meta;

import io.hydrafs.protocol.data.InitReplicaRecoveryResponse;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;

import java.util.List;

/**
 * The data transfers the leader's orders need, as blocking calls (orders run on their own
 * threads). Implemented over the data transfer protocol; a seam for tests of order handling.
 */
public interface ReplicaTransfers {
    /** Copies the local finalized replica of {@code block} to the targets (a pipeline, in order). */
    void replicate(BlockProto block, List<BlockstoreLocation> targets) throws HydraException;

    /** Asks the blockstore at {@code at} to stop writing its replica and say what it holds. */
    InitReplicaRecoveryResponse initRecovery(BlockstoreLocation at, BlockProto block, long recoveryStamp)
            throws HydraException;

    /** Tells the blockstore at {@code at} to truncate its replica to {@code agreed.num_bytes} and finalize it with the recovery stamp. */
    void finalizeRecovery(BlockstoreLocation at, BlockProto agreed, long recoveryStamp) throws HydraException;
}
