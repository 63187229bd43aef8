package io.hydrafs.client.meta;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.error.NotLeaderException;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Where the attempts of one logical meta call go, and when the call gives up. Pure decision
 * logic: the caller passes the time in and does the sleeping and the I/O.
 *
 * <p>Policy, applied to each failed attempt whose error is a failover condition
 * ({@link #isFailoverCondition}):
 * <ul>
 *   <li>NOT_LEADER with a leader hint: go to the hint at once. Hints can be stale during an
 *       election and two nodes may point at each other, so after as many consecutive
 *       immediate hops as there are addresses, hops wait a backoff too. A hint naming a node
 *       that this call could not reach (CONNECTION_FAILED, TIMEOUT, SERVER_SHUTTING_DOWN) and
 *       that has not answered it since is the dead leader a follower still remembers: it is
 *       treated as no hint.</li>
 *   <li>NOT_READY, or NOT_LEADER naming the node itself: the node is (or is about to be) the
 *       leader but cannot take the call yet (its queue is full, it is still collecting block
 *       reports, it was just elected). The same node again after a backoff: moving away would
 *       only cost a hop through a follower, or a timeout on a node that is down. After as many
 *       such answers in a row as there are addresses, the call rotates once, in case the node
 *       is a leader cut off from its group that has not stepped down yet.</li>
 *   <li>anything else (NOT_LEADER without hint, NO_LEADER, SERVER_SHUTTING_DOWN,
 *       CONNECTION_FAILED, TIMEOUT): the next configured address, after an exponential
 *       backoff with jitter.</li>
 * </ul>
 * The call gives up once {@code failoverTimeoutMs} have passed since it started, with NO_LEADER
 * naming every address tried and the last error: bounded, so an application never hangs on
 * a cluster that has lost its quorum. A wait never leaves the next attempt less than
 * {@link #MIN_ATTEMPT_MS}, and with less than that left the call gives up at once: an attempt
 * that cannot be answered in time would only turn "not done" into "perhaps done".
 *
 * <p>Not thread-safe: one plan per logical call.
 */
final class FailoverPlan {
    /** The least time an attempt gets; a wait that would leave less ends the call instead. */
    static final long MIN_ATTEMPT_MS = 10;

    private final List<String> addresses;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final long deadlineNanos;
    private final long timeoutMs;
    private final Set<String> tried = new LinkedHashSet<>();
    /** Addresses whose latest attempt in this call failed in transport; see the class comment. */
    private final Set<String> unreachable = new HashSet<>();

    private String address;
    // The rotation cursor moves only on failures without a hint, never to a hinted node: stale
    // hints (followers still naming a dead leader) then cannot keep the call from reaching
    // every configured address in turn.
    private int rotationIndex;
    private int attempt;
    private int backoffs;
    private int immediateHops;
    private int retriesHere;
    private HydraException lastError;

    FailoverPlan(List<String> addresses, String firstAddress, long nowNanos, long timeoutMs, Backoff backoff,
                 RandomGenerator random) {
        Invariants.check(!addresses.isEmpty(), "failover needs at least one address");
        this.addresses = addresses;
        this.backoff = backoff;
        this.random = random;
        this.timeoutMs = timeoutMs;
        this.deadlineNanos = nowNanos + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        this.address = firstAddress == null ? addresses.get(0) : firstAddress;
        // -1 for a first address outside the list (an earlier hint): the rotation then starts at entry 0
        this.rotationIndex = addresses.indexOf(address);
    }

    /** True for the errors that mean "this node cannot answer now, another one (or later) may". */
    static boolean isFailoverCondition(ErrorCode code) {
        return switch (code) {
            case NOT_LEADER, NO_LEADER, NOT_READY, SERVER_SHUTTING_DOWN, CONNECTION_FAILED, TIMEOUT -> true;
            default -> false;
        };
    }

    private static boolean isTransportFailure(ErrorCode code) {
        return code == ErrorCode.CONNECTION_FAILED || code == ErrorCode.TIMEOUT
                || code == ErrorCode.SERVER_SHUTTING_DOWN;
    }

    /** The address the next attempt goes to. */
    String address() {
        return address;
    }

    /** 0 for the first attempt, then one more per failure. */
    int attempt() {
        return attempt;
    }

    /** Milliseconds left before the call must give up; 0 or less when it must give up now. */
    long remainingMs(long nowNanos) {
        return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - nowNanos);
    }

    /**
     * Records that the attempt at {@link #address()} failed with a failover condition and moves
     * to the next address.
     *
     * @return how long to wait before the next attempt, or -1 if the call must give up
     *         ({@link #giveUp()} then builds the error)
     */
    long onFailure(HydraException error, long nowNanos) {
        Invariants.check(isFailoverCondition(error.code()), "not a failover condition: %s", error.code());
        lastError = error;
        tried.add(address);
        attempt++;
        long delayMs;
        if (isTransportFailure(error.code())) {
            unreachable.add(address);
        } else {
            unreachable.remove(address);
        }
        String hint = error instanceof NotLeaderException notLeader ? notLeader.leaderHint() : "";
        if (unreachable.contains(hint)) {
            hint = "";
        }
        boolean leaderNotReady = error.code() == ErrorCode.NOT_READY || hint.equals(address);
        if (!hint.isEmpty() && !hint.equals(address)) {
            delayMs = immediateHops < addresses.size() ? 0 : backoff.delayMs(backoffs++, random);
            immediateHops++;
            retriesHere = 0;
            address = hint;
        } else if (leaderNotReady && retriesHere < addresses.size()) {
            immediateHops = 0;
            retriesHere++;
            delayMs = backoff.delayMs(backoffs++, random);
        } else {
            immediateHops = 0;
            retriesHere = 0;
            delayMs = backoff.delayMs(backoffs++, random);
            rotationIndex = (rotationIndex + 1) % addresses.size();
            address = addresses.get(rotationIndex);
        }
        long remainingMs = remainingMs(nowNanos);
        if (remainingMs < MIN_ATTEMPT_MS) {
            return -1;
        }
        return Math.min(delayMs, remainingMs - MIN_ATTEMPT_MS);
    }

    /** The error of a call that ran out of time: NO_LEADER, with where it went and why it failed. */
    HydraException giveUp() {
        String last = lastError == null ? "none" : lastError.getMessage();
        return new HydraException(ErrorCode.NO_LEADER, "no meta leader answered within " + timeoutMs
                + " ms (tried " + String.join(",", tried) + "; last error: " + last + ")", lastError);
    }
}
