package io.hydrafs.meta.coord;

import com.google.protobuf.ByteString;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.CoordRecordProto;

/**
 * The rules of coordination records: compare-and-set, delete, and leases with fencing epochs.
 * Pure functions of the current record (null = absent), the request and the {@link LeaseTime};
 * the caller stores what they return. Same inputs, same answer: that is what keeps apply
 * deterministic.
 *
 * <p><b>Versions.</b> A record's version is the table's revision at its last change, handed in
 * as {@code newVersion} (one more than any version ever given out). Versions therefore grow
 * and are never reused, not even after a delete and re-create, so a compare-and-set against a
 * version read earlier cannot succeed on a different incarnation of the key. 0 means absent.
 *
 * <p><b>Leases.</b> A lease is live while {@code now < max(renewedMs, leaderSinceMs) + ttlMs}.
 * Renewal is an acquire by the same holder while its lease is live; it keeps the epoch. Any
 * other grant (first one, after a release, after expiry, to another holder) gets the new
 * version as its epoch, so the epoch grows whenever the holder changes and serves as a
 * fencing token. A record under a live lease changes only through its holder's acquire and
 * release: compare-and-set and delete fail with LEASE_HELD. An expired lease needs no write:
 * it is simply not live, and the next write clears or replaces it.
 *
 * <p><b>Leader changes.</b> {@code leaderSinceMs} is the rule that keeps a new leader from
 * expiring leases early: every lease counts as renewed at the moment the current leader's term
 * began (HDFS's NameNode does the same with file leases on failover). Batch times come from the
 * leader's wall clock; a new leader whose clock runs ahead of the old one's would otherwise see
 * leases renewed moments ago as long expired. With the rule a holder always gets a full ttl
 * after a failover to find the new leader and renew. A clock behind only lengthens leases.
 */
final class CoordinationRules {
    /** A granted lease: the stored record, and whether it renewed the holder's live lease. */
    record Grant(CoordRecordProto record, boolean renewed) {
    }

    private CoordinationRules() {
    }

    static boolean isLive(CoordRecordProto r, LeaseTime t) {
        return r != null && !r.getLeaseHolder().isEmpty() && t.nowMs() < expiresAtMs(r, t);
    }

    /** How long the live lease lasts without renewal; 0 when there is none. */
    static long remainingMs(CoordRecordProto r, LeaseTime t) {
        return isLive(r, t) ? expiresAtMs(r, t) - t.nowMs() : 0;
    }

    private static long expiresAtMs(CoordRecordProto r, LeaseTime t) {
        return Math.max(r.getLeaseRenewedMs(), t.leaderSinceMs()) + r.getLeaseTtlMs();
    }

    static CoordRecordProto compareAndSet(String key, CoordRecordProto current, long expectedVersion,
                                          ByteString value, LeaseTime t, long newVersion) throws HydraException {
        checkVersion(key, current, expectedVersion);
        checkNotLeased(key, current, t, "compare-and-set");
        return CoordRecordProto.newBuilder().setValue(value).setVersion(newVersion).build();
    }

    /** Whether there is a record to delete (false: absent, nothing to do). */
    static boolean delete(String key, CoordRecordProto current, long expectedVersion, LeaseTime t)
            throws HydraException {
        if (current == null) {
            return false;
        }
        checkVersion(key, current, expectedVersion);
        checkNotLeased(key, current, t, "delete");
        return true;
    }

    static Grant acquire(String key, CoordRecordProto current, String holder, ByteString value, long ttlMs,
                         LeaseTime t, long newVersion) throws HydraException {
        boolean live = isLive(current, t);
        if (live && !current.getLeaseHolder().equals(holder)) {
            throw leaseHeld(key, current, t);
        }
        long epoch = live ? current.getLeaseEpoch() : newVersion;
        CoordRecordProto granted = CoordRecordProto.newBuilder().setValue(value).setVersion(newVersion)
                .setLeaseHolder(holder).setLeaseEpoch(epoch).setLeaseRenewedMs(t.nowMs()).setLeaseTtlMs(ttlMs)
                .build();
        return new Grant(granted, live);
    }

    /**
     * The record without its lease when {@code holder} is the one named in it (live or expired),
     * else null: releasing a lease one does not hold changes nothing. The value stays.
     */
    static CoordRecordProto release(CoordRecordProto current, String holder, long newVersion) {
        if (current == null || !current.getLeaseHolder().equals(holder)) {
            return null;
        }
        return CoordRecordProto.newBuilder().setValue(current.getValue()).setVersion(newVersion).build();
    }

    private static void checkVersion(String key, CoordRecordProto current, long expectedVersion)
            throws HydraException {
        long actual = current == null ? 0 : current.getVersion();
        if (actual != expectedVersion) {
            throw new HydraException(ErrorCode.VERSION_MISMATCH, "coordination record '" + key + "' is "
                    + (actual == 0 ? "absent" : "at version " + actual) + ", expected "
                    + (expectedVersion == 0 ? "absent" : "version " + expectedVersion));
        }
    }

    private static void checkNotLeased(String key, CoordRecordProto current, LeaseTime t, String what)
            throws HydraException {
        if (isLive(current, t)) {
            HydraException held = leaseHeld(key, current, t);
            throw new HydraException(held.code(), what + " refused: " + held.detail());
        }
    }

    private static HydraException leaseHeld(String key, CoordRecordProto current, LeaseTime t) {
        return new HydraException(ErrorCode.LEASE_HELD, "the lease on '" + key + "' is held by '"
                + current.getLeaseHolder() + "' (epoch " + current.getLeaseEpoch() + ") for another "
                + remainingMs(current, t) + " ms unless renewed");
    }
}
