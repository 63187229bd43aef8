package io.hydrafs.compute.wire;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the attempts of one call to "the active coordinator" go, and when the call gives up.
 * Plain logic; the caller passes the time and does the waiting and the I/O.
 *
 * <p>After a failure that another coordinator (or a later try) may not have
 * ({@link #isFailover}): a standby's NOT_LEADER with a hint goes to the hinted address at once
 * (after as many immediate hops as there are addresses, hops wait too, since hints can point
 * in a circle during a takeover); anything else goes to the next configured address after an
 * exponential backoff (50 ms doubling up to 1 s). Past {@code timeoutMs} the call fails with
 * TIMEOUT naming the addresses tried and the last error.
 *
 * <p>Not thread-safe: one plan per call.
 */
final class CoordinatorFailover {
    static final long FIRST_BACKOFF_MS = 50;
    static final long MAX_BACKOFF_MS = 1_000;

    private final List<String> addresses;
    private final long deadlineMs;
    private final long timeoutMs;
    private final Set<String> tried = new LinkedHashSet<>();
    private String address;
    private int rotation;
    private int backoffs;
    private int immediateHops;
    private HydraException last;

    CoordinatorFailover(List<String> addresses, String first, long nowMs, long timeoutMs) {
        this.addresses = addresses;
        this.address = first;
        this.rotation = Math.max(0, addresses.indexOf(first));
        this.deadlineMs = nowMs + timeoutMs;
        this.timeoutMs = timeoutMs;
    }

    /** Errors after which the call may succeed elsewhere or later, and was not acted on. */
    static boolean isFailover(ErrorCode code) {
        return switch (code) {
            case NOT_LEADER, NOT_READY, CONNECTION_FAILED, SERVER_SHUTTING_DOWN -> true;
            default -> false;
        };
    }

    String address() {
        return address;
    }

    /** Records the failure of the attempt at {@link #address()}; the wait before the next one, or -1 to give up. */
    long onFailure(HydraException error, long nowMs) {
        last = error;
        tried.add(address);
        String hint = error instanceof NotLeaderException n ? n.leaderHint() : "";
        long delay;
        if (!hint.isEmpty() && !hint.equals(address)) {
            delay = immediateHops++ < addresses.size() ? 0 : backoff();
            address = hint;
        } else {
            immediateHops = 0;
            delay = backoff();
            rotation = (rotation + 1) % addresses.size();
            address = addresses.get(rotation);
        }
        long left = deadlineMs - nowMs;
        return left <= 0 ? -1 : Math.min(delay, left);
    }

    private long backoff() {
        long delay = FIRST_BACKOFF_MS << Math.min(backoffs++, 10);
        return Math.min(delay, MAX_BACKOFF_MS);
    }

    HydraException giveUp(String method) {
        return new HydraException(ErrorCode.TIMEOUT, method + ": no active job coordinator answered within "
                + timeoutMs + " ms (tried " + String.join(",", tried) + "; last error: "
                + (last == null ? "none" : last.getMessage()) + ")", last);
    }
}
