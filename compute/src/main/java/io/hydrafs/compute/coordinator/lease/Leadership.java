package io.hydrafs.compute.coordinator.lease;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalLong;

/**
 * Whether this coordinator is the active one, by its lease. Plain logic, time passed in
 * (milliseconds of a monotonic clock); {@link #renew} does one blocking lease call.
 *
 * <p>Fencing: a granted or renewed lease makes this node active until {@code sentAt + ttl *
 * 3/4}, counted from when the request was <em>sent</em>: the meta service starts the ttl no
 * earlier, so this node stops acting at least a quarter ttl before anyone else can get the
 * lease (assuming clocks that run at about the same rate). A refusal (LEASE_HELD) ends the
 * term at once; other errors (meta unreachable) let it run out by time. A grant with another
 * epoch than the term's means the lease was someone else's in between: callers compare the
 * {@link #activeEpoch epoch} with their term's and start a new term (recovering from the
 * journal) when it changed. Renew every ttl/3 so that one lost renewal does not end a term.
 *
 * <p>Thread-safe.
 */
public final class Leadership {
    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final LeaseSource source;
    private final String holder;
    private final String address;
    private final long ttlMs;
    private long epoch;
    private long validUntilMs = Long.MIN_VALUE;
    private String activeAddress = "";

    /**
     * @param holder  this node's holder id (unique per process start)
     * @param address this node's client address, published with the lease for clients' hints
     */
    public Leadership(LeaseSource source, String holder, String address, long ttlMs) {
        this.source = source;
        this.holder = holder;
        this.address = address;
        this.ttlMs = ttlMs;
    }

    public String holder() {
        return holder;
    }

    public String address() {
        return address;
    }

    public long ttlMs() {
        return ttlMs;
    }

    /** One acquire-or-renew round; {@code sentAtMs} is the time before the request goes out. */
    public void renew(long sentAtMs) {
        try {
            long granted = source.acquire(holder, address, ttlMs);
            synchronized (this) {
                if (granted != epoch) {
                    LOG.info("coordinator {} holds the lease, epoch {}", address, granted);
                }
                epoch = granted;
                validUntilMs = sentAtMs + ttlMs * 3 / 4;
                activeAddress = address;
            }
        } catch (HydraException e) {
            if (e.code() == ErrorCode.LEASE_HELD) {
                boolean wasActive;
                synchronized (this) {
                    wasActive = validUntilMs > sentAtMs;
                    validUntilMs = Long.MIN_VALUE;
                }
                if (wasActive) {
                    LOG.warn("coordinator {} lost its lease: {}", address, e.getMessage());
                }
                learnActiveAddress();
            } else {
                LOG.warn("coordinator {}: lease call failed: {}", address, e.toString());
            }
        }
    }

    private void learnActiveAddress() {
        try {
            String active = source.holderAddress();
            synchronized (this) {
                activeAddress = active;
            }
        } catch (HydraException e) {
            LOG.debug("coordinator {}: cannot read the lease record: {}", address, e.toString());
        }
    }

    /** The lease epoch if this node is active at {@code nowMs}; empty when it must not act. */
    public synchronized OptionalLong activeEpoch(long nowMs) {
        return nowMs < validUntilMs ? OptionalLong.of(epoch) : OptionalLong.empty();
    }

    /** The active coordinator's address as last learnt (this node's own when it is active), or "". */
    public synchronized String activeAddress() {
        return activeAddress;
    }

    /** Stops acting now and gives the lease up (best effort), e.g. when the journal cannot be written. */
    public void resign() {
        synchronized (this) {
            validUntilMs = Long.MIN_VALUE;
            activeAddress = "";
        }
        try {
            source.release(holder);
        } catch (HydraException e) {
            LOG.warn("coordinator {}: releasing the lease failed: {}", address, e.toString());
        }
    }
}
