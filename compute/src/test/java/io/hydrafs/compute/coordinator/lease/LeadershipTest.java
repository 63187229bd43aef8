package io.hydrafs.compute.coordinator.lease;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeadershipTest {
    private static final long TTL = 3_000;
    private final FakeLeaseSource source = new FakeLeaseSource();
    private final Leadership a = new Leadership(source, "a", "host-a:1", TTL);
    private final Leadership b = new Leadership(source, "b", "host-b:2", TTL);

    @Test
    void theFirstToAcquireIsActiveAndTheOtherIsAStandbyThatKnowsWhereTheActiveIs() {
        a.renew(0);
        b.renew(0);

        assertEquals(OptionalLong.of(1), a.activeEpoch(10));
        assertTrue(b.activeEpoch(10).isEmpty());
        assertEquals("host-a:1", b.activeAddress());
    }

    @Test
    void renewalsKeepTheTermAtTheSameEpoch() {
        a.renew(0);
        a.renew(1_000);
        a.renew(2_000);

        assertEquals(OptionalLong.of(1), a.activeEpoch(3_000));
    }

    @Test
    void withoutRenewalTheNodeStopsAQuarterTtlBeforeTheLeaseCanPassToAnother() {
        a.renew(100);

        assertTrue(a.activeEpoch(100 + TTL * 3 / 4 - 1).isPresent());
        assertTrue(a.activeEpoch(100 + TTL * 3 / 4).isEmpty());
    }

    @Test
    void failedRenewalsLetTheTermRunOutByTime() {
        a.renew(0);
        source.unreachable(true);

        a.renew(1_000);

        assertTrue(a.activeEpoch(2_000).isPresent());
        assertTrue(a.activeEpoch(TTL).isEmpty());
    }

    @Test
    void aRenewalRefusedBecauseAnotherHoldsTheLeaseEndsTheTermAtOnce() {
        a.renew(0);
        source.handTo("b", "host-b:2");

        a.renew(1_000);

        assertTrue(a.activeEpoch(1_001).isEmpty());
        assertEquals("host-b:2", a.activeAddress());
    }

    @Test
    void regainingTheLeaseAfterAnotherHolderGivesANewEpoch() {
        a.renew(0);
        source.handTo("b", "host-b:2");
        a.renew(1_000);
        source.release("b");

        a.renew(2_000);

        assertEquals(OptionalLong.of(3), a.activeEpoch(2_001));
    }

    @Test
    void resigningStopsAtOnceAndFreesTheLeaseForAStandby() {
        a.renew(0);

        a.resign();
        b.renew(10);

        assertTrue(a.activeEpoch(11).isEmpty());
        assertEquals(OptionalLong.of(2), b.activeEpoch(11));
    }
}
