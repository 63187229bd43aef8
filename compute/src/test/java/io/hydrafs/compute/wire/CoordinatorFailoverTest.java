package io.hydrafs.compute.wire;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoordinatorFailoverTest {
    private static final List<String> ADDRESSES = List.of("c1:1", "c2:2", "c3:3");
    private static final HydraException REFUSED = new HydraException(ErrorCode.CONNECTION_FAILED, "refused");

    @Test
    void aStandbysHintIsFollowedAtOnce() {
        CoordinatorFailover plan = new CoordinatorFailover(ADDRESSES, "c1:1", 0, 10_000);

        long wait = plan.onFailure(new NotLeaderException("standby", "c3:3"), 0);

        assertEquals(0, wait);
        assertEquals("c3:3", plan.address());
    }

    @Test
    void withoutAHintTheNextAddressIsTriedAfterAGrowingBackoff() {
        CoordinatorFailover plan = new CoordinatorFailover(ADDRESSES, "c2:2", 0, 10_000);

        long first = plan.onFailure(REFUSED, 0);
        String afterFirst = plan.address();
        long second = plan.onFailure(new HydraException(ErrorCode.NOT_READY, "recovering"), 0);

        assertEquals("c3:3", afterFirst);
        assertEquals("c1:1", plan.address());
        assertEquals(CoordinatorFailover.FIRST_BACKOFF_MS, first);
        assertEquals(2 * CoordinatorFailover.FIRST_BACKOFF_MS, second);
    }

    @Test
    void hintsPointingInACircleStartToWait() {
        CoordinatorFailover plan = new CoordinatorFailover(ADDRESSES, "c1:1", 0, 10_000);
        long waited = 0;
        for (int i = 0; i < 10; i++) {
            waited += plan.onFailure(new NotLeaderException("standby", i % 2 == 0 ? "c2:2" : "c1:1"), 0);
        }

        assertTrue(waited > 0);
    }

    @Test
    void theCallGivesUpWithTimeoutNamingWhatItTriedAndTheLastError() {
        CoordinatorFailover plan = new CoordinatorFailover(ADDRESSES, "c1:1", 0, 1_000);
        plan.onFailure(REFUSED, 500);

        long wait = plan.onFailure(new HydraException(ErrorCode.NOT_READY, "still recovering"), 1_000);
        HydraException e = plan.giveUp("compute.jobStatus");

        assertEquals(-1, wait);
        assertEquals(ErrorCode.TIMEOUT, e.code());
        assertTrue(e.getMessage().contains("c1:1,c2:2"), e.getMessage());
        assertTrue(e.getMessage().contains("still recovering"), e.getMessage());
    }

    @Test
    void onlyErrorsThatMeanTheCallWasNotServedFailOver() {
        assertTrue(CoordinatorFailover.isFailover(ErrorCode.NOT_LEADER));
        assertTrue(CoordinatorFailover.isFailover(ErrorCode.CONNECTION_FAILED));
        assertFalse(CoordinatorFailover.isFailover(ErrorCode.INVALID_ARGUMENT));
        assertFalse(CoordinatorFailover.isFailover(ErrorCode.FILE_ALREADY_EXISTS));
    }

    @Test
    void malformedAddressListsAreRefusedNamingTheBadEntry() {
        assertEquals(List.of("a:1", "b:2"), CoordinatorChannel.parse(" a:1 , b:2 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CoordinatorChannel.parse("a:1,b"));
        assertTrue(e.getMessage().contains(": b"), e.getMessage());
    }
}
