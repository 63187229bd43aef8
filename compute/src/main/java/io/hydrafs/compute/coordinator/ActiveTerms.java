package io.hydrafs.compute.coordinator;

import io.hydrafs.protocol.error.HydraException;

/**
 * The gate in front of every coordinator action: the current {@link ActiveTerm} while this
 * node holds the lease, else NOT_LEADER naming the active coordinator (a standby), or NOT_READY
 * (the lease is held but the jobs are still being recovered). Both are retryable: clients and
 * workers go to the hinted or the next coordinator.
 */
@FunctionalInterface
interface ActiveTerms {
    ActiveTerm current() throws HydraException;
}
