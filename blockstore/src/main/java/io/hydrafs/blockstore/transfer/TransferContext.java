package io.hydrafs.blockstore.transfer;

import io.hydrafs.blockstore.storage.ReplicaStore;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every connection handler of a {@link DataTransferServer} shares: the replicas, the
 * settings, the disk pool (handlers wrap it in their own {@link SerialExecutor}), the count of
 * block transfers (writes and reads) in progress, reported in heartbeats, and the count of open
 * connections, checked against {@link TransferSettings#maxConnections()}.
 */
record TransferContext(ReplicaStore store, TransferSettings settings, Executor diskPool,
                       AtomicInteger transfersInProgress, AtomicInteger openConnections) {

    SerialExecutor newDiskQueue() {
        return new SerialExecutor(diskPool);
    }
}
