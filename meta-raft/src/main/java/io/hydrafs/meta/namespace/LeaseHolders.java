package io.hydrafs.meta.namespace;

/**
 * Lease holder names with a meaning of their own. A client names itself (create, append); the
 * namespace itself holds the lease of a file whose last block is being recovered, so that the
 * former writer can no longer change the file and no one else can open it until recovery ends.
 * Clients cannot take this name (create/append/... reject it).
 */
public final class LeaseHolders {
    /** Holds the lease of every file under lease recovery (recovery_generation_stamp != 0). */
    public static final String RECOVERY = "hydra-lease-recovery";

    private LeaseHolders() {
    }

    public static boolean isRecovery(String holder) {
        return RECOVERY.equals(holder);
    }
}
