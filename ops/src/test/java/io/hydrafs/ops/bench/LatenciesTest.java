package io.hydrafs.ops.bench;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LatenciesTest {
    private static final long MS = 1_000_000;

    @Test
    void percentilesAreNearestRankInMilliseconds() {
        Latencies l = Latencies.of(LongStream.rangeClosed(1, 100).map(i -> (101 - i) * MS).toArray());

        assertEquals(50.0, l.percentileMillis(50));
        assertEquals(99.0, l.percentileMillis(99));
        assertEquals(100.0, l.percentileMillis(100));
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Latencies l = Latencies.of(3 * MS / 2);

        assertEquals(1.5, l.percentileMillis(50));
        assertEquals(1.5, l.percentileMillis(99));
    }

    @Test
    void mergeKeepsOnlyTheRecordedPrefixOfEachThread() {
        long[][] samples = {{5 * MS, 99 * MS}, {1 * MS, 2 * MS}};

        Latencies l = Latencies.merge(samples, new int[] {1, 2});

        assertEquals(3, l.count());
        assertEquals(5.0, l.percentileMillis(100));
    }

    @Test
    void noSamplesHaveNoPercentile() {
        assertTrue(Double.isNaN(Latencies.none().percentileMillis(50)));
        assertThrows(IllegalArgumentException.class, () -> Latencies.none().percentileMillis(0));
    }
}
