package io.hydrafs.meta.statemachine;

import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The apply thread's priority follows the node's role; the nice value is read from /proc stat lines. */
class ApplyPriorityTest {

    /** Runs the steps on a fresh thread (so this test's own thread keeps its priority); returns the thread's priority after. */
    private static int priorityAfter(Runnable steps) throws InterruptedException {
        AtomicInteger seen = new AtomicInteger();
        Thread t = new Thread(() -> {
            steps.run();
            seen.set(Thread.currentThread().getPriority());
        });
        t.start();
        t.join();
        return seen.get();
    }

    @Test
    void aFollowerAppliesAtTheLowestPriorityAndTheLeaderAtNormal() throws InterruptedException {
        ApplyPriority priority = new ApplyPriority(true);

        int asFollower = priorityAfter(() -> {
            priority.leaderChanged(false);
            priority.onApplyThread();
        });
        int afterWinningAnElection = priorityAfter(() -> {
            priority.leaderChanged(false);
            priority.onApplyThread();
            priority.leaderChanged(true);
            priority.onApplyThread();
        });

        assertEquals(Thread.MIN_PRIORITY, asFollower);
        assertEquals(Thread.NORM_PRIORITY, afterWinningAnElection);
    }

    @Test
    void whereTheJvmCannotRaiseAThreadBackTheApplyThreadKeepsItsPriority() throws InterruptedException {
        ApplyPriority priority = new ApplyPriority(false);

        int asFollower = priorityAfter(() -> {
            priority.leaderChanged(false);
            priority.onApplyThread();
        });

        assertEquals(Thread.NORM_PRIORITY, asFollower);
    }

    @Test
    void theNiceValueIsField19EvenWhenTheThreadNameHoldsBlanksAndParentheses() {
        String stat = "4242 (m2@g (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 7 3 0 0 39 19 31 0 1234 0 0";

        assertEquals(OptionalInt.of(19), ApplyPriority.niceOf(stat));
        assertEquals(OptionalInt.empty(), ApplyPriority.niceOf("4242 (truncated) S 1"));
        assertEquals(OptionalInt.empty(), ApplyPriority.niceOf("no name field"));
    }
}
