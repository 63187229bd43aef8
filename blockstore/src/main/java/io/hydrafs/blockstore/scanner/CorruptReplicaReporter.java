package io.hydrafs.blockstore.scanner;

import io.hydrafs.blockstore.storage.ReplicaInfo;

/**
 * Told of a replica the scanner found corrupt (already marked so in the store), to report it to
 * the meta nodes. Called on the scanner thread; must not block for long.
 */
@FunctionalInterface
public interface CorruptReplicaReporter {
    void report(ReplicaInfo replica, String reason);
}
