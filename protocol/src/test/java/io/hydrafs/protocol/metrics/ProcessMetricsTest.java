package io.hydrafs.protocol.metrics;

import com.codahale.metrics.Clock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ProcessMetricsTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        long nanos = 1_000_000_000L;

        @Override
        public long getTick() {
            return nanos;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ProcessMetrics metrics = new ProcessMetrics(clock);

    @Test
    void aNameGivesTheSameTimerAndHistogramEveryTime() {
        assertSame(metrics.timer("t"), metrics.timer("t"));
        assertSame(metrics.histogram("h"), metrics.histogram("h"));
    }

    @Test
    void histogramPercentilesCoverOnlyTheLastWindowOfValues() {
        metrics.histogram("h").update(500);
        clock.nanos += TimeUnit.SECONDS.toNanos(ProcessMetrics.WINDOW_SECONDS + 1);
        metrics.histogram("h").update(7);

        assertArrayEquals(new long[] {7}, metrics.histogram("h").getSnapshot().getValues());
        assertEquals(2, metrics.histogram("h").getCount(), "the count is of all values ever");
    }

    @Test
    void timerPercentilesCoverOnlyTheLastWindowOfValues() {
        metrics.timer("t").update(900, TimeUnit.MILLISECONDS);
        clock.nanos += TimeUnit.SECONDS.toNanos(ProcessMetrics.WINDOW_SECONDS + 1);
        metrics.timer("t").update(3, TimeUnit.MILLISECONDS);

        assertEquals(TimeUnit.MILLISECONDS.toNanos(3), metrics.timer("t").getSnapshot().getMax());
    }
}
