package io.hydrafs.blockstore.transfer;

import io.hydrafs.blockstore.storage.ReplicaInfo;
import io.hydrafs.blockstore.storage.ReplicaStore;
import io.hydrafs.protocol.data.FinalizeRecoveryRequest;
import io.hydrafs.protocol.data.InitReplicaRecoveryRequest;
import io.hydrafs.protocol.data.InitReplicaRecoveryResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;

/**
 * A replica's side of lease recovery (docs/DATA_PATH.md), over the {@link ReplicaStore}; plain
 * logic, run on a disk thread.
 *
 * <p>Init ({@link ReplicaStore#initRecovery}: one store operation, so that no packet acked
 * between reading the length and stopping the writer is cut off): a finalized replica is reported
 * as it is. A replica being written first loses its writer and moves to the recovery stamp,
 * keeping its bytes. So the client that was writing can no longer add bytes, and its later
 * pipeline recovery with the old stamp is refused; and the replica now carries the namespace's
 * new stamp, so it is not taken for a stale copy while recovery runs. The answer carries the
 * stamp and bytes the replica had before, which is what the primary compares. A replica with a
 * stamp older than the block's, or newer than the recovery stamp (a later recovery got there
 * first), is refused with STALE_GENERATION_STAMP.
 *
 * <p>Finalize: truncate to the agreed length and finalize under the recovery stamp
 * ({@link ReplicaStore#recoverReplica}, which also stops any writer).
 *
 * <p>Public so that a primary can run its own replica's steps without a connection to itself.
 */
public final class ReplicaRecovery {
    private ReplicaRecovery() {
    }

    public static InitReplicaRecoveryResponse init(ReplicaStore store, InitReplicaRecoveryRequest request)
            throws HydraException {
        BlockProto block = request.getBlock();
        long recoveryStamp = request.getRecoveryGenerationStamp();
        if (!request.hasBlock() || recoveryStamp == 0) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "init recovery needs a block and a recovery stamp");
        }
        ReplicaInfo replica = store.initRecovery(block.getBlockId(), block.getGenerationStamp(), recoveryStamp);
        return InitReplicaRecoveryResponse.newBuilder().setReplica(replica.toBlock())
                .setFinalized(replica.finalized()).build();
    }

    public static void finalizeRecovery(ReplicaStore store, FinalizeRecoveryRequest request) throws HydraException {
        if (!request.hasBlock()) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "finalize recovery without a block");
        }
        BlockProto block = request.getBlock();
        long stamp = request.getRecoveryGenerationStamp() != 0 ? request.getRecoveryGenerationStamp()
                : block.getGenerationStamp();
        store.recoverReplica(block.getBlockId(), stamp, block.getNumBytes());
    }
}
