package io.hydrafs.meta.lease;

import io.hydrafs.meta.namespace.LeaseHolders;
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

    @Test
    void theRecoveryHolderIsNeverTrackedAsAClient() {
        LeaseManager leases = new LeaseManager(1_000);
        leases.renew(LeaseHolders.RECOVERY, 0);
        assertFalse(leases.holds(LeaseHolders.RECOVERY));
        assertEquals(List.of(), leases.takeExpired(5_000));
    }

    @Test
    void aRecoveryIsDueAgainOnlyAfterTheHardLimitPerFile() {
        LeaseManager leases = new LeaseManager(1_000);
        leases.recoveryStarted(7, 0);
        leases.recoveryStarted(8, 900);
        assertEquals(List.of(), leases.takeStalledRecoveries(1_000));
        assertEquals(List.of(7L), leases.takeStalledRecoveries(1_001), "8 started later and is not yet due");
        assertEquals(List.of(), leases.takeStalledRecoveries(1_002), "7 is not due again until restarted");
        assertEquals(List.of(8L), leases.takeStalledRecoveries(1_901));
    }

    @Test
    void anEndedRecoveryIsNotRetried() {
        LeaseManager leases = new LeaseManager(1_000);
        leases.recoveryStarted(7, 0);
        leases.recoveryEnded(7);
        assertFalse(leases.isRecovering(7));
        assertEquals(List.of(), leases.takeStalledRecoveries(10_000));
    }

    @Test
    void aNewLeaderStartsEveryRecoveryUnderWayAgainAtOnceButGivesWritersAFullPeriod() {
        LeaseManager leases = new LeaseManager(1_000);
        leases.recoveryStarted(1, 0);
        leases.reset(List.of("w1"), List.of(7L), 5_000);
        assertFalse(leases.isRecovering(1));
        assertEquals(List.of(7L), leases.takeStalledRecoveries(5_000));
        assertEquals(List.of(), leases.takeExpired(5_900));
        assertEquals(List.of("w1"), leases.takeExpired(6_001));
    }

    @Test
    void aHolderPutBackInTheSameTermIsDueAgainAtOnce() {
        LeaseManager leases = new LeaseManager(1_000);
        leases.reset(List.of("w1"), 0);
        long generation = leases.generation();
        assertEquals(List.of("w1"), leases.takeExpired(1_001));

        leases.putBack("w1", 0, generation);     // the expiry could not be proposed

        assertEquals(List.of("w1"), leases.takeExpired(1_002));
    }

    @Test
    void workOfAnEarlierLeadershipNeverWritesIntoALaterTable() {
        LeaseManager leases = new LeaseManager(1_000);
        leases.reset(List.of("w1"), List.of(7L), 0);
        long generation = leases.generation();
        assertEquals(List.of("w1"), leases.takeExpired(1_001));
        assertEquals(List.of(7L), leases.takeStalledRecoveries(1_001));
        leases.reset(List.of(), 2_000);          // leadership lost
        leases.reset(List.of(), 3_000);          // and won again; w1 has since renewed with another leader
        leases.renew("w1", 3_000);

        leases.putBack("w1", 0, generation);     // a late answer of the old term's expiry
        leases.putBackRecovery(7, 0, generation);

        assertEquals(List.of(), leases.takeExpired(3_500), "w1 keeps its lease");
        assertFalse(leases.isRecovering(7));
    }
}
