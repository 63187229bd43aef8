package io.hydrafs.client.coord;

/**
 * A lease granted (or renewed) on a coordination record.
 *
 * @param key     the record's key
 * @param holder  who holds it
 * @param version the record's version after the grant
 * @param epoch   the fencing token: the same across renewals of one holder's lease, larger for
 *                every later grant (to another holder, or after a release or expiry). A process
 *                that acts as the lease holder should pass it along so that others can refuse
 *                the acts of a holder that has since been replaced.
 * @param ttlMs   how long the lease lasts from the grant unless renewed
 * @param renewed whether the holder already held the lease (a renewal), not a new grant
 */
public record Lease(String key, String holder, long version, long epoch, long ttlMs, boolean renewed) {
}
