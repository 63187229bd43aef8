package io.hydrafs.ops.bench;

import java.util.Arrays;

/**
 * The latencies of every successful op of one timed run, kept exactly (the counts are small
 * enough: 100,000 longs at full scale), so percentiles are exact rather than estimated from a
 * decaying sample as a Dropwizard reservoir would.
 */
public final class Latencies {
    private static final Latencies NONE = new Latencies(new long[0]);

    private final long[] sortedNanos;

    private Latencies(long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    public static Latencies none() {
        return NONE;
    }

    /** Merges per-thread samples: {@code samples[t][0 .. counts[t]-1]} are nanoseconds. */
    static Latencies merge(long[][] samples, int[] counts) {
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        for (int t = 0; t < samples.length; t++) {
            System.arraycopy(samples[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return new Latencies(all);
    }

    public static Latencies of(long... nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return new Latencies(copy);
    }

    public int count() {
        return sortedNanos.length;
    }

    /**
     * The nearest-rank percentile in milliseconds: the smallest sample that at least
     * {@code percent}% of samples are less than or equal to. NaN when there are no samples.
     */
    public double percentileMillis(double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percent);
        }
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
    }
}
