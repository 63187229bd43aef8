package io.hydrafs.client.lease;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseRenewerTest {
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile boolean failing;
    private final LeaseRenewer renewer = new LeaseRenewer("hydra-client-test", 10, () -> {
        attempts.incrementAndGet();
        if (failing) {
            throw new HydraException(ErrorCode.NO_LEADER, "election");
        }
    });

    @AfterEach
    void stop() {
        renewer.close();
    }

    @Test
    void doesNotRunWithoutWriters() {
        assertFalse(renewer.isRunning());
        assertEquals(0, attempts.get());
    }

    @Test
    void failedRenewalsAreRetriedAtTheNextInterval() {
        failing = true;
        renewer.writerOpened("w");

        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);
        assertEquals(0, renewer.renewals());

        failing = false;
        await().atMost(Duration.ofSeconds(5)).until(() -> renewer.renewals() >= 1);
    }

    @Test
    void registeringTheSameWriterTwiceNeedsOnlyOneClose() {
        Object writer = new Object();
        renewer.writerOpened(writer);
        renewer.writerOpened(writer);

        renewer.writerClosed(writer);

        await().atMost(Duration.ofSeconds(5)).until(() -> !renewer.isRunning());
    }

    @Test
    void restartsWhenAWriterOpensAfterTheLastOneClosed() {
        renewer.writerOpened("first");
        renewer.writerClosed("first");
        await().atMost(Duration.ofSeconds(5)).until(() -> !renewer.isRunning());
        int before = attempts.get();

        renewer.writerOpened("second");

        assertTrue(renewer.isRunning());
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() > before);
    }

    @Test
    void anIdleRenewerDoesNotRenewButKeepsItsThreadUntilClosed() {
        renewer.writerOpened("w");
        renewer.writerClosed("w");
        int before = attempts.get();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> attempts.get() <= before + 1);
        assertTrue(renewer.hasThread(), "one thread serves writer after writer");

        renewer.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !renewer.hasThread());
    }

    @Test
    void aClosedRenewerIgnoresNewWriters() {
        renewer.close();

        renewer.writerOpened("late");

        assertFalse(renewer.isRunning());
    }

    @Test
    void aNonPositiveIntervalIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LeaseRenewer("c", 0, () -> { }));
    }
}
