package io.hydrafs.ops.local;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.time.Duration;

/** The pace of every wait on local nodes (ready, leader elected, compute up), and what an interrupt means there. */
final class Polling {
    static final Duration INTERVAL = Duration.ofMillis(200);

    private Polling() {
    }

    /** Sleeps one interval; an interrupt is IO_ERROR naming {@code waitingFor}, the flag kept set. */
    static void pause(String waitingFor) throws HydraException {
        try {
            Thread.sleep(INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.IO_ERROR, "interrupted while waiting for " + waitingFor, e);
        }
    }
}
