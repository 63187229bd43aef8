package io.hydrafs.compute.coordinator.lease;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

/**
 * A lease without a meta service, for tests: whoever the test says holds it gets renewals,
 * anyone else LEASE_HELD; {@link #handTo} gives it to another holder at the next epoch (as an
 * expiry and a standby's acquire would), {@link #unreachable} fails every call as a lost meta
 * service would.
 */
public final class FakeLeaseSource implements LeaseSource {
    private String holder = "";
    private String address = "";
    private long epoch;
    private boolean unreachable;

    @Override
    public synchronized long acquire(String who, String whoAddress, long ttlMs) throws HydraException {
        if (unreachable) {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "meta unreachable");
        }
        if (holder.isEmpty()) {
            handTo(who, whoAddress);
        }
        if (!holder.equals(who)) {
            throw new HydraException(ErrorCode.LEASE_HELD, "lease held by " + holder);
        }
        return epoch;
    }

    @Override
    public synchronized String holderAddress() throws HydraException {
        if (unreachable) {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "meta unreachable");
        }
        return address;
    }

    @Override
    public synchronized void release(String who) {
        if (holder.equals(who)) {
            holder = "";
        }
    }

    public synchronized void handTo(String who, String whoAddress) {
        holder = who;
        address = whoAddress;
        epoch++;
    }

    public synchronized void unreachable(boolean value) {
        unreachable = value;
    }
}
