package io.hydrafs.client.coord;

/**
 * A coordination record as the meta leader saw it when answering {@code get}.
 *
 * @param key              the record's key
 * @param value            its value (empty when absent); the caller owns the array
 * @param version          its version: grows on every change, never reused; 0 = no such record
 * @param leaseHolder      who holds a live lease on it, or "" when nobody does
 * @param leaseEpoch       the live lease's fencing token (see {@link Lease#epoch()}); 0 without one
 * @param leaseRemainingMs how long the live lease lasts without renewal, by the leader's clock; 0 without one
 */
public record CoordRecord(String key, byte[] value, long version, String leaseHolder, long leaseEpoch,
                          long leaseRemainingMs) {
    public boolean exists() {
        return version != 0;
    }

    public boolean isLeased() {
        return !leaseHolder.isEmpty();
    }
}
