package io.hydrafs.client.coord;

import com.google.protobuf.ByteString;
import io.hydrafs.client.meta.MetaClient;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.CoordAcquireLeaseRequest;
import io.hydrafs.protocol.meta.CoordAcquireLeaseResponse;
import io.hydrafs.protocol.meta.CoordCompareAndSetRequest;
import io.hydrafs.protocol.meta.CoordCompareAndSetResponse;
import io.hydrafs.protocol.meta.CoordDeleteRequest;
import io.hydrafs.protocol.meta.CoordDeleteResponse;
import io.hydrafs.protocol.meta.CoordGetRequest;
import io.hydrafs.protocol.meta.CoordGetResponse;
import io.hydrafs.protocol.meta.CoordReleaseLeaseRequest;
import io.hydrafs.protocol.meta.CoordReleaseLeaseResponse;
import io.hydrafs.protocol.meta.MetaMethods;

import java.util.Objects;

/**
 * Coordination records of the meta service: a small replicated key/value table with
 * compare-and-set and leases, for leader election among processes outside the meta group (the
 * job coordinator's active and standbys) and for publishing the active one's address.
 *
 * <p>Every call goes through the {@link MetaClient}'s failover, and every write carries its
 * retry-cache key, so a write retried on a new meta leader gets its first answer (a
 * compare-and-set that succeeded before the failover does not turn into VERSION_MISMATCH).
 * Reads are linearizable. Writes need the superuser; reads are open to all.
 *
 * <p>Errors: VERSION_MISMATCH (the record is at another version), LEASE_HELD (another holder's
 * lease is live; the message names the holder), INVALID_ARGUMENT (key empty or over 256 bytes,
 * value over 64 KiB, ttl not 1 ms to 1 h), PERMISSION_DENIED.
 *
 * <p>Leases: a holder keeps its lease by acquiring it again well within the ttl (e.g. every
 * ttl/3). Across a meta leader change a lease counts as renewed when the new leader took
 * office, so a holder that keeps renewing never loses it to a failover.
 *
 * <p>Thread-safe, as the MetaClient it wraps; closing is the MetaClient's business.
 */
public final class CoordinationClient {
    private final MetaClient meta;

    public CoordinationClient(MetaClient meta) {
        this.meta = Objects.requireNonNull(meta, "meta");
    }

    /** The record under {@code key}; {@link CoordRecord#version()} is 0 when there is none. */
    public CoordRecord get(String key) throws HydraException {
        CoordGetResponse r = meta.call(MetaMethods.COORD_GET, CoordGetRequest.newBuilder().setKey(key).build(),
                CoordGetResponse.parser());
        return new CoordRecord(key, r.getValue().toByteArray(), r.getVersion(), r.getLeaseHolder(),
                r.getLeaseEpoch(), r.getLeaseRemainingMs());
    }

    /**
     * Writes {@code value} if the record is at {@code expectedVersion} (0 = create only if
     * absent); returns the new version. VERSION_MISMATCH otherwise, LEASE_HELD while a live
     * lease is on the record.
     */
    public long compareAndSet(String key, long expectedVersion, byte[] value) throws HydraException {
        return meta.call(MetaMethods.COORD_COMPARE_AND_SET, CoordCompareAndSetRequest.newBuilder().setKey(key)
                .setExpectedVersion(expectedVersion).setValue(ByteString.copyFrom(value)).build(),
                CoordCompareAndSetResponse.parser()).getVersion();
    }

    /**
     * Deletes the record if it is at {@code expectedVersion}; false when there was no record.
     * VERSION_MISMATCH when it is at another version, LEASE_HELD while a live lease is on it.
     */
    public boolean delete(String key, long expectedVersion) throws HydraException {
        return meta.call(MetaMethods.COORD_DELETE, CoordDeleteRequest.newBuilder().setKey(key)
                .setExpectedVersion(expectedVersion).build(), CoordDeleteResponse.parser()).getDeleted();
    }

    /**
     * Grants {@code holder} the lease on {@code key} for {@code ttlMs}, storing {@code value}
     * with it (e.g. the holder's address), or renews the holder's live lease. Fails with
     * LEASE_HELD, naming the current holder, while someone else's lease is live.
     */
    public Lease acquireLease(String key, String holder, byte[] value, long ttlMs) throws HydraException {
        CoordAcquireLeaseResponse r = meta.call(MetaMethods.COORD_ACQUIRE_LEASE, CoordAcquireLeaseRequest.newBuilder()
                .setKey(key).setHolder(holder).setValue(ByteString.copyFrom(value)).setTtlMs(ttlMs).build(),
                CoordAcquireLeaseResponse.parser());
        return new Lease(key, holder, r.getVersion(), r.getEpoch(), ttlMs, r.getRenewed());
    }

    /**
     * Gives the lease up so that another holder may take it at once; the value stays. Nothing
     * happens when {@code holder} does not hold it (any more).
     */
    public void releaseLease(String key, String holder) throws HydraException {
        meta.call(MetaMethods.COORD_RELEASE_LEASE, CoordReleaseLeaseRequest.newBuilder().setKey(key)
                .setHolder(holder).build(), CoordReleaseLeaseResponse.parser());
    }
}
