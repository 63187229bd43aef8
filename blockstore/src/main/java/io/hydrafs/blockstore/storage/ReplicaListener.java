package io.hydrafs.blockstore.storage;

/**
 * Told of replica changes, for incremental block reports. Called on the thread that made the
 * change: implementations must be quick and must not call back into the store.
 */
public interface ReplicaListener {
    /** A replica was created (being written) or reopened with a new stamp. */
    void replicaBeingWritten(ReplicaInfo replica);

    /** A replica was finalized (complete). */
    void replicaFinalized(ReplicaInfo replica);

    /** A replica was deleted. */
    void replicaDeleted(ReplicaInfo replica);
}
