package io.hydrafs.meta.namespace;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

/** Validation of the client-chosen attributes of files: replication, block size, client name. */
final class FileArguments {
    private FileArguments() {
    }

    /** The replication to store: the request's, or the default for 0; INVALID_ARGUMENT out of range. */
    static int replication(NamespacePolicy policy, int requested, String path) throws HydraException {
        if (requested == 0) {
            return policy.defaultReplication();
        }
        checkReplication(policy, requested, path);
        return requested;
    }

    static void checkReplication(NamespacePolicy policy, int requested, String path) throws HydraException {
        // uint32 on the wire: a negative int is a huge request
        if (requested < policy.minReplication() || requested > policy.maxReplication()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "requested replication "
                    + Integer.toUnsignedString(requested) + " for " + path + " is outside the allowed range ["
                    + policy.minReplication() + ", " + policy.maxReplication() + "]");
        }
    }

    /** The block size to store: the request's, or the default for 0. */
    static long blockSize(NamespacePolicy policy, long requested, String path) throws HydraException {
        if (requested == 0) {
            return policy.defaultBlockSizeBytes();
        }
        if (requested < 0) { // uint64 on the wire: beyond 2^63
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "requested block size "
                    + Long.toUnsignedString(requested) + " for " + path + " is too large");
        }
        if (requested < policy.minBlockSizeBytes()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "requested block size " + requested + " for "
                    + path + " is less than the minimum of " + policy.minBlockSizeBytes());
        }
        if (requested % NamespacePolicy.BLOCK_SIZE_ALIGNMENT_BYTES != 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "requested block size " + requested + " for "
                    + path + " is not a multiple of " + NamespacePolicy.BLOCK_SIZE_ALIGNMENT_BYTES);
        }
        return requested;
    }

    /**
     * A lease holder name: non-empty, no NUL (it terminates the holder in a lease key), and not
     * the namespace's own {@link LeaseHolders#RECOVERY} (a client so named could write files under
     * recovery).
     */
    static String clientName(String clientName, String path) throws HydraException {
        if (clientName.isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "no client name given for " + path);
        }
        if (clientName.indexOf('\0') >= 0) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "client name for " + path
                    + " contains a NUL character");
        }
        if (LeaseHolders.isRecovery(clientName)) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "client name " + clientName + " for " + path
                    + " is reserved for lease recovery");
        }
        return clientName;
    }
}
