package io.hydrafs.client.meta;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The failover policy alone: no channels, no threads, time passed in. */
class FailoverPlanTest {
    private static final List<String> NODES = List.of("a:1", "b:1", "c:1");
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private static FailoverPlan plan(String first, long timeoutMs) {
        return new FailoverPlan(NODES, first, 0, timeoutMs, new Backoff(10, 80), new SplittableRandom(1));
    }

    private static HydraException refused() {
        return new HydraException(ErrorCode.CONNECTION_FAILED, "refused");
    }

    @Test
    void startsAtTheLeaderGuessOrElseTheFirstAddress() {
        assertEquals("b:1", plan("b:1", 1_000).address());
        assertEquals("a:1", plan(null, 1_000).address());
    }

    @Test
    void notLeaderWithHintGoesToTheHintWithoutWaiting() {
        FailoverPlan plan = plan("a:1", 1_000);
        long delay = plan.onFailure(new NotLeaderException("not me", "c:1"), 0);
        assertEquals(0, delay);
        assertEquals("c:1", plan.address());
        assertEquals(1, plan.attempt());
    }

    @Test
    void failuresWithoutHintRotateToTheNextAddressAfterABackoff() {
        FailoverPlan plan = plan("b:1", 1_000);
        long delay = plan.onFailure(refused(), 0);
        assertTrue(delay >= 5 && delay <= 10, "waited " + delay);
        assertEquals("c:1", plan.address());
        plan.onFailure(new NotLeaderException("not me", ""), 0);
        assertEquals("a:1", plan.address());
    }

    @Test
    void hintsDoNotMoveTheRotationSoEveryAddressGetsItsTurn() {
        FailoverPlan plan = plan("a:1", 1_000);
        plan.onFailure(new NotLeaderException("electing", ""), 0);
        assertEquals("b:1", plan.address());
        plan.onFailure(new NotLeaderException("not me", "a:1"), 0);
        assertEquals("a:1", plan.address());
        plan.onFailure(refused(), 0);
        assertEquals("c:1", plan.address());
    }

    @Test
    void aHintNamingANodeThisCallCouldNotReachIsNotFollowed() {
        FailoverPlan plan = plan("a:1", 1_000);
        plan.onFailure(refused(), 0);
        assertEquals("b:1", plan.address());

        plan.onFailure(new NotLeaderException("stale", "a:1"), 0);  // b still believes the dead a leads

        assertEquals("c:1", plan.address(), "rotated on instead of back to the dead node");
    }

    @Test
    void aNodeThatAnswersAgainIsFollowedAsAHintAgain() {
        FailoverPlan plan = plan("a:1", 1_000);
        plan.onFailure(new HydraException(ErrorCode.TIMEOUT, "no answer"), 0);
        plan.onFailure(new NotLeaderException("stale", "a:1"), 0);     // b: ignored
        plan.onFailure(new NotLeaderException("electing", ""), 0);     // c
        assertEquals("a:1", plan.address());
        plan.onFailure(new NotLeaderException("not me", "b:1"), 0);    // a answers again

        plan.onFailure(new NotLeaderException("a leads now", "a:1"), 0);

        assertEquals("a:1", plan.address());
    }

    @Test
    void aFirstAddressOutsideTheListRotatesToTheListsFirstEntry() {
        FailoverPlan plan = plan("elsewhere:1", 1_000);
        plan.onFailure(refused(), 0);
        assertEquals("a:1", plan.address());
    }

    @Test
    void hintsPointingAtEachOtherStopBeingFollowedImmediately() {
        FailoverPlan plan = plan("a:1", 10_000);
        long totalDelay = 0;
        for (int hop = 0; hop < 10; hop++) {
            String other = plan.address().equals("a:1") ? "b:1" : "a:1";
            totalDelay += plan.onFailure(new NotLeaderException("stale", other), 0);
        }
        assertTrue(totalDelay > 0, "ten stale hints in a row never backed off");
    }

    @Test
    void givesUpOnceTheTimeoutHasPassedNamingTriedAddressesAndTheLastError() {
        FailoverPlan plan = plan("a:1", 100);
        assertTrue(plan.onFailure(refused(), 40 * MS) >= 0);
        assertTrue(plan.onFailure(new HydraException(ErrorCode.TIMEOUT, "slow"), 60 * MS) >= 0);
        assertEquals(-1, plan.onFailure(new HydraException(ErrorCode.NO_LEADER, "election"), 100 * MS));

        HydraException error = plan.giveUp();
        assertEquals(ErrorCode.NO_LEADER, error.code());
        assertEquals("no meta leader answered within 100 ms (tried a:1,b:1,c:1; last error: NO_LEADER: election)",
                error.detail());
    }

    @Test
    void aWaitLeavesTheNextAttemptItsMinimumTimeOrTheCallEndsAtOnce() {
        FailoverPlan plan = new FailoverPlan(NODES, "a:1", 0, 50, new Backoff(1_000, 1_000), new SplittableRandom(1));
        assertEquals(30 - FailoverPlan.MIN_ATTEMPT_MS, plan.onFailure(refused(), 20 * MS), "the wait is cut short");
        assertEquals(-1, plan.onFailure(refused(), 45 * MS), "no 5 ms attempt that could only time out");
    }

    @Test
    void aLeaderThatIsNotReadyIsAskedAgainAfterABackoffNotLeftForAnotherNode() {
        FailoverPlan plan = plan("b:1", 10_000);

        long busy = plan.onFailure(new HydraException(ErrorCode.NOT_READY, "queue full"), 0);
        assertEquals("b:1", plan.address());
        assertTrue(busy >= 5 && busy <= 10, "waited " + busy);

        long electedNotReady = plan.onFailure(new NotLeaderException("just elected", "b:1"), 0);
        assertEquals("b:1", plan.address(), "a leader naming itself is not ready yet: ask it again");
        assertTrue(electedNotReady > 0);
    }

    @Test
    void aNodeThatStaysNotReadyIsLeftAfterOneTryPerAddress() {
        FailoverPlan plan = plan("b:1", 10_000);
        for (int i = 0; i < NODES.size(); i++) {
            plan.onFailure(new HydraException(ErrorCode.NOT_READY, "busy"), 0);
            assertEquals("b:1", plan.address());
        }
        plan.onFailure(new HydraException(ErrorCode.NOT_READY, "busy"), 0);
        assertEquals("c:1", plan.address(), "perhaps a leader cut off from its group: try the others");
        plan.onFailure(new HydraException(ErrorCode.NOT_READY, "busy"), 0);
        assertEquals("c:1", plan.address(), "the count starts over on the next node");
    }

    @Test
    void onlyFailoverConditionsAreAccepted() {
        FailoverPlan plan = plan("a:1", 1_000);
        assertThrows(IllegalStateException.class,
                () -> plan.onFailure(new HydraException(ErrorCode.FILE_NOT_FOUND, "/x"), 0));
    }
}
