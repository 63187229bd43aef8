package io.hydrafs.meta.coord;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.meta.namespace.Namespace;
import io.hydrafs.meta.namespace.NamespacePolicy;
import io.hydrafs.meta.statemachine.BatchApplier;
import io.hydrafs.meta.statemachine.RetryCache;
import io.hydrafs.meta.store.InMemoryMetaStore;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.meta.CoordAcquireLeaseRequest;
import io.hydrafs.protocol.meta.CoordAcquireLeaseResponse;
import io.hydrafs.protocol.meta.CoordCompareAndSetRequest;
import io.hydrafs.protocol.meta.CoordCompareAndSetResponse;
import io.hydrafs.protocol.meta.CoordDeleteRequest;
import io.hydrafs.protocol.meta.CoordGetResponse;
import io.hydrafs.protocol.meta.DecommissionRequest;
import io.hydrafs.protocol.meta.MetaBatch;
import io.hydrafs.protocol.meta.MetaOp;
import io.hydrafs.protocol.meta.MetaOpResult;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coordination ops through the state machine's deterministic core (BatchApplier over an
 * in-memory store): retry cache, permissions, validation, versions, and leases across terms.
 */
class CoordinationApplyTest {
    private static final NamespacePolicy POLICY = NamespacePolicy.defaults();
    private static final String SUPERUSER = POLICY.superuser();

    private final InMemoryMetaStore store = new InMemoryMetaStore();
    private final Coordination coordination = new Coordination(POLICY);
    private final BatchApplier applier = new BatchApplier(new Namespace(POLICY), coordination, new RetryCache());
    private final ByteString client = clientId();
    private long nextCallId = 1;

    private static ByteString clientId() {
        UUID u = UUID.randomUUID();
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(u.getMostSignificantBits())
                .putLong(u.getLeastSignificantBits()).array());
    }

    private MetaOp op(String user, long callId, MetaOp.Builder op) {
        return op.setClientId(client).setCallId(callId).setUser(user).build();
    }

    private MetaOp cas(String key, long expected, String value) {
        return op(SUPERUSER, nextCallId++, MetaOp.newBuilder().setCoordCompareAndSet(CoordCompareAndSetRequest
                .newBuilder().setKey(key).setExpectedVersion(expected).setValue(ByteString.copyFromUtf8(value))));
    }

    private MetaOp acquire(String key, String holder, long ttlMs) {
        return op(SUPERUSER, nextCallId++, MetaOp.newBuilder().setCoordAcquireLease(CoordAcquireLeaseRequest
                .newBuilder().setKey(key).setHolder(holder).setTtlMs(ttlMs)
                .setValue(ByteString.copyFromUtf8(holder + ":9000"))));
    }

    /** Applies one op as the only op of an entry of {@code term} at batch time {@code nowMs}. */
    private MetaOpResult apply(long term, long nowMs, MetaOp op) {
        MetaBatch batch = MetaBatch.newBuilder().setTimestampMs(nowMs).addOps(op).build();
        return applier.apply(batch, term, store, new ArrayList<>()).getResults(0);
    }

    private static ErrorCode code(MetaOpResult r) {
        assertTrue(r.hasError(), "expected a failure");
        return ErrorCode.fromNumber(r.getError().getCode());
    }

    private static long casVersion(MetaOpResult r) throws InvalidProtocolBufferException {
        assertFalse(r.hasError(), r.getError().getMessage());
        return CoordCompareAndSetResponse.parseFrom(r.getResponse()).getVersion();
    }

    private static CoordAcquireLeaseResponse granted(MetaOpResult r) throws InvalidProtocolBufferException {
        assertFalse(r.hasError(), r.getError().getMessage());
        return CoordAcquireLeaseResponse.parseFrom(r.getResponse());
    }

    @Test
    void aCompareAndSetAppliedTwiceWithTheSameCallIdGetsItsFirstAnswer() throws Exception {
        MetaOp create = cas("/jobs/active", 0, "a");
        long first = casVersion(apply(1, 1_000, create));

        assertEquals(first, casVersion(apply(2, 2_000, create)));
        assertEquals(ErrorCode.VERSION_MISMATCH, code(apply(2, 2_000, cas("/jobs/active", 0, "a"))));
    }

    @Test
    void versionsAreNeverReusedAfterADeleteAndRecreate() throws Exception {
        long v1 = casVersion(apply(1, 1_000, cas("k", 0, "a")));
        MetaOpResult deleted = apply(1, 1_000, op(SUPERUSER, nextCallId++, MetaOp.newBuilder()
                .setCoordDelete(CoordDeleteRequest.newBuilder().setKey("k").setExpectedVersion(v1))));
        assertFalse(deleted.hasError());
        long v2 = casVersion(apply(1, 1_000, cas("k", 0, "b")));

        assertTrue(v2 > v1);
        assertEquals(ErrorCode.VERSION_MISMATCH, code(apply(1, 1_000, cas("k", v1, "stale writer"))));
    }

    @Test
    void onlyTheSuperuserMayWrite() {
        MetaOp byAlice = op("alice", nextCallId++, MetaOp.newBuilder().setCoordCompareAndSet(
                CoordCompareAndSetRequest.newBuilder().setKey("k").setValue(ByteString.copyFromUtf8("v"))));
        assertEquals(ErrorCode.PERMISSION_DENIED, code(apply(1, 1_000, byAlice)));
    }

    @Test
    void keysAndValuesOutOfBoundsAreInvalidArguments() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, code(apply(1, 1_000, cas("", 0, "v"))));
        assertEquals(ErrorCode.INVALID_ARGUMENT, code(apply(1, 1_000, cas("k".repeat(257), 0, "v"))));
        assertEquals(ErrorCode.INVALID_ARGUMENT, code(apply(1, 1_000, cas("k", 0, "v".repeat(64 * 1024 + 1)))));
        assertEquals(ErrorCode.INVALID_ARGUMENT, code(apply(1, 1_000, acquire("k", "a", 0))));
        assertFalse(apply(1, 1_000, cas("k".repeat(256), 0, "v".repeat(64 * 1024))).hasError());
    }

    @Test
    void theFirstEntryOfANewTermRenewsEveryLeaseAtItsBatchTime() throws Exception {
        long epoch = granted(apply(1, 1_000, acquire("lock", "a", 1_000))).getEpoch();

        // Term 2's leader clock is far ahead of term 1's: without the rule the lease would be
        // long expired at its first entry. With it, the lease lasts until 50_000 + 1_000.
        assertEquals(ErrorCode.LEASE_HELD, code(apply(2, 50_000, acquire("lock", "b", 1_000))));
        assertEquals(ErrorCode.LEASE_HELD, code(apply(2, 50_999, acquire("lock", "b", 1_000))));
        CoordAcquireLeaseResponse taken = granted(apply(2, 51_000, acquire("lock", "b", 1_000)));

        assertTrue(taken.getEpoch() > epoch);
    }

    @Test
    void readsReportTheLiveLeaseAndNoLeaseOnceItExpired() throws Exception {
        long epoch = granted(apply(1, 1_000, acquire("lock", "a", 1_000))).getEpoch();

        CoordGetResponse live = coordination.get("lock", 1_400, store);
        assertEquals("a", live.getLeaseHolder());
        assertEquals(epoch, live.getLeaseEpoch());
        assertEquals(600, live.getLeaseRemainingMs());
        assertEquals("a:9000", live.getValue().toStringUtf8());

        CoordGetResponse expired = coordination.get("lock", 2_000, store);
        assertEquals("", expired.getLeaseHolder());
        assertEquals(0, coordination.get("absent", 2_000, store).getVersion());
    }

    @Test
    void theDecommissioningSetFollowsTheAppliedOps() {
        MetaOp on = op(SUPERUSER, nextCallId++, MetaOp.newBuilder().setSetDecommissioning(
                DecommissionRequest.newBuilder().setBlockstoreId("b1").setOn(true)));
        MetaOp alsoOn = op(SUPERUSER, nextCallId++, MetaOp.newBuilder().setSetDecommissioning(
                DecommissionRequest.newBuilder().setBlockstoreId("b2").setOn(true)));
        MetaOp off = op(SUPERUSER, nextCallId++, MetaOp.newBuilder().setSetDecommissioning(
                DecommissionRequest.newBuilder().setBlockstoreId("b1").setOn(false)));

        apply(1, 1_000, on);
        apply(1, 1_000, alsoOn);
        assertEquals(Set.of("b1", "b2"), Coordination.decommissioning(store));
        apply(1, 1_000, off);
        assertEquals(Set.of("b2"), Coordination.decommissioning(store));
    }
}
