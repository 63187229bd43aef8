package io.hydrafs.client.meta;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {
    private final Backoff backoff = new Backoff(20, 1_000);

    @Test
    void delaysDoubleFromBaseWithJitterInTheUpperHalf() {
        RandomGenerator random = new SplittableRandom(7);
        long[] ceilings = {20, 40, 80, 160, 320, 640};
        for (int retry = 0; retry < ceilings.length; retry++) {
            for (int sample = 0; sample < 50; sample++) {
                long delay = backoff.delayMs(retry, random);
                assertTrue(delay >= ceilings[retry] / 2 && delay <= ceilings[retry],
                        "retry " + retry + " waited " + delay + " ms");
            }
        }
    }

    @Test
    void delaysAreCappedAtTheMaximumEvenAfterManyRetries() {
        RandomGenerator random = new SplittableRandom(7);
        for (int retry : new int[] {6, 10, 63, 1_000_000}) {
            long delay = backoff.delayMs(retry, random);
            assertTrue(delay >= 500 && delay <= 1_000, "retry " + retry + " waited " + delay + " ms");
        }
    }

    @Test
    void baseAboveMaximumIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 50));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 50));
    }
}
