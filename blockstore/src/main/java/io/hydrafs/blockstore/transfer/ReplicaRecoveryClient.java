package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.net.RpcEventLoops;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.FinalizeRecoveryRequest;
import io.hydrafs.protocol.data.FinalizeRecoveryResponse;
import io.hydrafs.protocol.data.InitReplicaRecoveryRequest;
import io.hydrafs.protocol.data.InitReplicaRecoveryResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockProto;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.net.RpcErrors;

/**
 * The primary's side of replica recovery towards another blockstore: one connection per
 * request, blocking (call it from a worker thread, never an event loop). The remote side is
 * {@link ReplicaRecovery}; see there for what each step does to the replica.
 *
 * <p>Failures are HydraExceptions: the remote's own error code (REPLICA_NOT_FOUND,
 * STALE_GENERATION_STAMP, ...), or CONNECTION_FAILED / TIMEOUT / MALFORMED_REQUEST when no proper
 * answer came. Thread-safe.
 */
public final class ReplicaRecoveryClient {
    private final RpcEventLoops loops;
    private final TransferSettings settings;

    /** The caller owns {@code loops} and closes them after its last call. */
    public ReplicaRecoveryClient(RpcEventLoops loops, TransferSettings settings) {
        this.loops = loops;
        this.settings = settings;
    }

    /**
     * Asks {@code target} to stop any writer of its replica of {@code block} and say what it holds.
     *
     * @return the answer, without error: {@code replica} (id, stamp, bytes on disk) and {@code finalized}
     */
    public InitReplicaRecoveryResponse initRecovery(BlockstoreLocation target, BlockProto block, long recoveryStamp)
            throws HydraException {
        DataHeader request = DataHeader.newBuilder().setInitRecovery(InitReplicaRecoveryRequest.newBuilder()
                .setBlock(block).setRecoveryGenerationStamp(recoveryStamp)).build();
        DataHeader answer = exchange(target, request, "init recovery answer");
        if (!answer.hasInitRecoveryResponse()) {
            throw unexpected(target, answer);
        }
        InitReplicaRecoveryResponse response = answer.getInitRecoveryResponse();
        if (response.hasError()) {
            throw RpcErrors.toException(response.getError());
        }
        return response;
    }

    /** Asks {@code target} to truncate its replica of {@code blockId} to {@code length} and finalize it under {@code recoveryStamp}. */
    public void finalizeRecovery(BlockstoreLocation target, long blockId, long recoveryStamp, long length)
            throws HydraException {
        BlockProto agreed = BlockProto.newBuilder().setBlockId(blockId).setGenerationStamp(recoveryStamp)
                .setNumBytes(length).build();
        DataHeader request = DataHeader.newBuilder().setFinalizeRecovery(FinalizeRecoveryRequest.newBuilder()
                .setBlock(agreed).setRecoveryGenerationStamp(recoveryStamp)).build();
        DataHeader answer = exchange(target, request, "finalize recovery answer");
        if (!answer.hasFinalizeRecoveryResponse()) {
            throw unexpected(target, answer);
        }
        FinalizeRecoveryResponse response = answer.getFinalizeRecoveryResponse();
        if (response.hasError()) {
            throw RpcErrors.toException(response.getError());
        }
    }

    private DataHeader exchange(BlockstoreLocation target, DataHeader request, String what) throws HydraException {
        FrameQueue inbound = new FrameQueue();
        DataChannel channel = DataChannel.connectBlocking(loops.group(), target, settings, inbound);
        try {
            channel.send(DataFrame.of(request));
            return inbound.take(what + " from " + channel.remote(), settings.responseTimeoutMs());
        } finally {
            channel.close();
            inbound.drain();
        }
    }

    private static HydraException unexpected(BlockstoreLocation target, DataHeader answer) {
        if (answer.hasWriteBlockResponse() && answer.getWriteBlockResponse().hasError()) {
            return RpcErrors.toException(answer.getWriteBlockResponse().getError()); // the server refused the request
        }
        return new HydraException(ErrorCode.MALFORMED_REQUEST, "blockstore " + DataChannel.describe(target)
                + " answered " + answer.getKindCase());
    }
}
