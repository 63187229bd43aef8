package io.hydrafs.ops.failover;

import java.util.Collection;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The arithmetic of a failover under load (ha.failover, the quickstart's drill), apart from any
 * process or client so that its rules are tested
 * on plain numbers and names: the longest pause in service the writers saw, and how many
 * acknowledged creates the namespace no longer holds.
 */
public final class FailoverTally {
    private FailoverTally() {
    }

    /**
     * The longest time between two consecutive successful ops of any threads together
     * ({@code System.nanoTime()} values, in any order); 0 with fewer than two. Merged over threads
     * because the figure is the service's pause as any client sees it, not one thread's.
     */
    public static long longestGapNanos(Collection<Long> ackTimes) {
        long[] sorted = ackTimes.stream().mapToLong(Long::longValue).sorted().toArray();
        long longest = 0;
        for (int i = 1; i < sorted.length; i++) {
            longest = Math.max(longest, sorted[i] - sorted[i - 1]);
        }
        return longest;
    }

    /** The first success at or after {@code sinceNanos}, if any: when service resumed after the kill. */
    public static OptionalLong firstAtOrAfter(Collection<Long> ackTimes, long sinceNanos) {
        return ackTimes.stream().mapToLong(Long::longValue).filter(t -> t >= sinceNanos).min();
    }

    /**
     * How many {@code acknowledged} names are not among {@code listed}: creates the client was
     * told succeeded but the namespace lost. Listed names nobody acknowledged (a create whose
     * call failed after it was committed) are not losses and are ignored.
     */
    public static long lost(Collection<String> acknowledged, Collection<String> listed) {
        Set<String> present = new HashSet<>(listed);
        return acknowledged.stream().filter(name -> !present.contains(name)).count();
    }
}
