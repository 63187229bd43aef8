package io.hydrafs.compute.coordinator.lease;

import io.hydrafs.client.coord.CoordRecord;
import io.hydrafs.client.coord.CoordinationClient;
import io.hydrafs.protocol.error.HydraException;

import java.nio.charset.StandardCharsets;

/** The coordinators' lease as a coordination record of the meta service, under one key. */
public final class MetaLeaseSource implements LeaseSource {
    private final CoordinationClient coordination;
    private final String key;

    public MetaLeaseSource(CoordinationClient coordination, String key) {
        this.coordination = coordination;
        this.key = key;
    }

    @Override
    public long acquire(String holder, String address, long ttlMs) throws HydraException {
        return coordination.acquireLease(key, holder, address.getBytes(StandardCharsets.UTF_8), ttlMs).epoch();
    }

    @Override
    public String holderAddress() throws HydraException {
        CoordRecord r = coordination.get(key);
        return r.exists() ? new String(r.value(), StandardCharsets.UTF_8) : "";
    }

    @Override
    public void release(String holder) throws HydraException {
        coordination.releaseLease(key, holder);
    }
}
