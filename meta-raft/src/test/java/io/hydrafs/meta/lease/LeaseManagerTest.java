package io.hydrafs.meta.lease;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseManagerTest {
    @Test
    void aHolderExpiresOnlyAfterTheHardLimitWithoutRenewal() {
        LeaseManager leases = new LeaseManager(1_000);
        leases.renew("c1", 0);
        leases.renew("c2", 0);
        leases.renew("c2", 800);
        assertEquals(List.of(), leases.takeExpired(1_000));
        assertEquals(List.of("c1"), leases.takeExpired(1_001));
        assertFalse(leases.holds("c1"));
        assertTrue(leases.holds("c2"));
    }

    @Test
    void aNewLeaderGivesEveryKnownHolderAFullPeriod() {
        LeaseManager leases = new LeaseManager(1_000);
        leases.renew("old", 0);
        leases.reset(List.of("w1", "w2"), 5_000);
        assertFalse(leases.holds("old"));
        assertEquals(List.of(), leases.takeExpired(5_900));
        assertEquals(2, leases.takeExpired(6_001).size());
    }
}
