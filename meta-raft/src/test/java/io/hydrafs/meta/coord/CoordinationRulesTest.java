package io.hydrafs.meta.coord;

import com.google.protobuf.ByteString;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.CoordRecordProto;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compare-and-set and lease rules, as pure functions of a record and the times. */
class CoordinationRulesTest {
    private static final ByteString V1 = ByteString.copyFromUtf8("one");
    private static final ByteString V2 = ByteString.copyFromUtf8("two");
    private static final long TTL = 1_000;

    private static LeaseTime at(long nowMs) {
        return new LeaseTime(nowMs, 0);
    }

    private static CoordRecordProto leased(String holder, long version, long epoch, long renewedMs) {
        return CoordRecordProto.newBuilder().setValue(V1).setVersion(version).setLeaseHolder(holder)
                .setLeaseEpoch(epoch).setLeaseRenewedMs(renewedMs).setLeaseTtlMs(TTL).build();
    }

    private static ErrorCode codeOf(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(HydraException.class, call).code();
    }

    @Test
    void compareAndSetWithZeroCreatesAnAbsentRecordAtTheNewVersion() throws HydraException {
        CoordRecordProto r = CoordinationRules.compareAndSet("k", null, 0, V1, at(0), 7);
        assertEquals(7, r.getVersion());
        assertEquals(V1, r.getValue());
    }

    @Test
    void compareAndSetWithZeroFailsWhenTheRecordExists() {
        CoordRecordProto existing = CoordRecordProto.newBuilder().setValue(V1).setVersion(3).build();
        assertEquals(ErrorCode.VERSION_MISMATCH,
                codeOf(() -> CoordinationRules.compareAndSet("k", existing, 0, V2, at(0), 4)));
    }

    @Test
    void compareAndSetAgainstAnotherVersionFailsAndAgainstTheCurrentOneReplaces() throws HydraException {
        CoordRecordProto existing = CoordRecordProto.newBuilder().setValue(V1).setVersion(3).build();
        assertEquals(ErrorCode.VERSION_MISMATCH,
                codeOf(() -> CoordinationRules.compareAndSet("k", existing, 2, V2, at(0), 4)));
        assertEquals(ErrorCode.VERSION_MISMATCH,
                codeOf(() -> CoordinationRules.compareAndSet("k", null, 3, V2, at(0), 4)));
        CoordRecordProto replaced = CoordinationRules.compareAndSet("k", existing, 3, V2, at(0), 4);
        assertEquals(4, replaced.getVersion());
        assertEquals(V2, replaced.getValue());
    }

    @Test
    void compareAndSetAndDeleteAreRefusedUnderALiveLeaseButNotAfterItExpired() throws HydraException {
        CoordRecordProto r = leased("a", 5, 5, 100);
        assertEquals(ErrorCode.LEASE_HELD, codeOf(() -> CoordinationRules.compareAndSet("k", r, 5, V2, at(500), 6)));
        assertEquals(ErrorCode.LEASE_HELD, codeOf(() -> CoordinationRules.delete("k", r, 5, at(500))));

        CoordRecordProto replaced = CoordinationRules.compareAndSet("k", r, 5, V2, at(1_100), 6);
        assertEquals("", replaced.getLeaseHolder());
        assertTrue(CoordinationRules.delete("k", r, 5, at(1_100)));
    }

    @Test
    void deleteOfAnAbsentRecordIsNothingAndOfAnotherVersionAMismatch() throws HydraException {
        assertFalse(CoordinationRules.delete("k", null, 0, at(0)));
        assertFalse(CoordinationRules.delete("k", null, 9, at(0)));
        CoordRecordProto existing = CoordRecordProto.newBuilder().setValue(V1).setVersion(3).build();
        assertEquals(ErrorCode.VERSION_MISMATCH, codeOf(() -> CoordinationRules.delete("k", existing, 2, at(0))));
    }

    @Test
    void aFirstGrantTakesTheNewVersionAsItsEpoch() throws HydraException {
        CoordinationRules.Grant g = CoordinationRules.acquire("k", null, "a", V1, TTL, at(100), 4);
        assertEquals(4, g.record().getLeaseEpoch());
        assertEquals(4, g.record().getVersion());
        assertEquals(100, g.record().getLeaseRenewedMs());
        assertFalse(g.renewed());
    }

    @Test
    void anotherHolderIsRefusedWhileTheLeaseIsLiveAndTheMessageNamesTheHolder() {
        CoordRecordProto r = leased("coordinator-a", 4, 4, 100);
        HydraException e = assertThrows(HydraException.class,
                () -> CoordinationRules.acquire("k", r, "coordinator-b", V2, TTL, at(1_099), 5));
        assertEquals(ErrorCode.LEASE_HELD, e.code());
        assertTrue(e.getMessage().contains("'coordinator-a'"), e.getMessage());
    }

    @Test
    void aRenewalByTheHolderKeepsTheEpochAndRestartsTheTtl() throws HydraException {
        CoordRecordProto r = leased("a", 4, 4, 100);
        CoordinationRules.Grant g = CoordinationRules.acquire("k", r, "a", V2, TTL, at(900), 5);
        assertTrue(g.renewed());
        assertEquals(4, g.record().getLeaseEpoch());
        assertEquals(5, g.record().getVersion());
        assertTrue(CoordinationRules.isLive(g.record(), at(1_850)));
    }

    @Test
    void anExpiredLeaseGoesToTheNextHolderWithAGreaterEpoch() throws HydraException {
        CoordRecordProto r = leased("a", 4, 4, 100);
        assertFalse(CoordinationRules.isLive(r, at(1_100)));
        CoordinationRules.Grant g = CoordinationRules.acquire("k", r, "b", V2, TTL, at(1_100), 9);
        assertEquals("b", g.record().getLeaseHolder());
        assertEquals(9, g.record().getLeaseEpoch());
        assertFalse(g.renewed());
    }

    @Test
    void theHolderReacquiringAfterItsLeaseExpiredGetsANewEpoch() throws HydraException {
        CoordRecordProto r = leased("a", 4, 4, 100);
        CoordinationRules.Grant g = CoordinationRules.acquire("k", r, "a", V1, TTL, at(1_100), 6);
        assertEquals(6, g.record().getLeaseEpoch());
        assertFalse(g.renewed());
    }

    @Test
    void aNewLeaderTermCountsEveryLeaseAsRenewedWhenItBegan() {
        CoordRecordProto r = leased("a", 4, 4, 100);
        // The new leader's clock runs far ahead: by its time the lease is long past its ttl, but
        // its term began at 50_000, so the lease lasts until 51_000.
        assertTrue(CoordinationRules.isLive(r, new LeaseTime(50_900, 50_000)));
        assertEquals(100, CoordinationRules.remainingMs(r, new LeaseTime(50_900, 50_000)));
        assertFalse(CoordinationRules.isLive(r, new LeaseTime(51_000, 50_000)));
    }

    @Test
    void releaseByTheHolderClearsTheLeaseKeepsTheValueAndByAnyoneElseChangesNothing() {
        CoordRecordProto r = leased("a", 4, 4, 100);
        assertNull(CoordinationRules.release(r, "b", 5));
        assertNull(CoordinationRules.release(null, "a", 5));
        CoordRecordProto released = CoordinationRules.release(r, "a", 5);
        assertEquals("", released.getLeaseHolder());
        assertEquals(V1, released.getValue());
        assertEquals(5, released.getVersion());
        assertFalse(CoordinationRules.isLive(released, at(200)));
    }
}
