package io.hydrafs.compute.coordinator.lease;

import io.hydrafs.protocol.error.HydraException;

/**
 * Where the coordinators' lease lives (the meta service's coordination records; a fake in
 * tests). One lease, one holder at a time; the holder stores its client address with it.
 */
public interface LeaseSource {
    /**
     * Grants the lease to {@code holder} for {@code ttlMs}, or renews it; returns its epoch,
     * which grows whenever the holder changes. LEASE_HELD while another holder's lease is live.
     */
    long acquire(String holder, String address, long ttlMs) throws HydraException;

    /** The address stored by the current (or last) holder, "" when there is none. */
    String holderAddress() throws HydraException;

    /** Gives the lease up if {@code holder} has it. */
    void release(String holder) throws HydraException;
}
