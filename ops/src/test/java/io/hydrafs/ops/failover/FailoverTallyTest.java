package io.hydrafs.ops.failover;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailoverTallyTest {
    @Test
    void longestGapIsTakenOverAllThreadsTogetherWhateverTheOrder() {
        // thread A acked at 0, 10, 50; thread B at 5, 45: merged 0 5 10 45 50, longest 10 -> 45
        List<Long> times = List.of(50L, 0L, 10L, 45L, 5L);

        assertEquals(35, FailoverTally.longestGapNanos(times));
    }

    @Test
    void aThreadStuckAloneDoesNotMakeAGapWhileOthersSucceed() {
        // A stalls from 0 to 100, B succeeds every 10: the service never paused longer than 10
        List<Long> times = List.of(0L, 100L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L);

        assertEquals(10, FailoverTally.longestGapNanos(times));
    }

    @Test
    void fewerThanTwoSuccessesHaveNoGap() {
        assertEquals(0, FailoverTally.longestGapNanos(List.of()));
        assertEquals(0, FailoverTally.longestGapNanos(List.of(7L)));
    }

    @Test
    void resumptionIsTheFirstSuccessAtOrAfterTheKill() {
        assertEquals(OptionalLong.of(30), FailoverTally.firstAtOrAfter(List.of(40L, 10L, 30L, 20L), 25));
        assertEquals(OptionalLong.of(20), FailoverTally.firstAtOrAfter(List.of(10L, 20L), 20));
        assertEquals(OptionalLong.empty(), FailoverTally.firstAtOrAfter(List.of(10L, 20L), 21));
    }

    @Test
    void acknowledgedNamesMissingFromTheListingAreLost() {
        assertEquals(2, FailoverTally.lost(List.of("f0", "f1", "f2", "f3"), List.of("f0", "f2")));
    }

    @Test
    void listedNamesNobodyAcknowledgedAreNotLosses() {
        // f2's call failed after it was committed: present but never acknowledged
        assertEquals(0, FailoverTally.lost(List.of("f0", "f1"), List.of("f0", "f1", "f2")));
    }
}
