package io.hydrafs.client.meta;

import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter between failover attempts: the n-th wait is drawn from
 * [d/2, d] where d = min(maxMs, baseMs * 2^n). The jitter keeps many clients that lost the
 * same leader from retrying in lock step; the lower bound keeps the wait meaningful.
 */
public record Backoff(long baseMs, long maxMs) {
    /** An hour: far above any sensible wait, and low enough that doubling never overflows. */
    static final long LIMIT_MS = 3_600_000L;

    public Backoff {
        if (baseMs < 1 || maxMs < baseMs || maxMs > LIMIT_MS) {
            throw new IllegalArgumentException("backoff needs 1 <= baseMs <= maxMs <= " + LIMIT_MS
                    + ", got base " + baseMs + " ms, max " + maxMs + " ms");
        }
    }

    /** The wait before backoff number {@code retry} (0 for the first). */
    public long delayMs(int retry, RandomGenerator random) {
        long ceiling = baseMs;
        for (int i = 0; i < retry && ceiling < maxMs; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxMs);
        long floor = ceiling / 2;
        return floor + random.nextLong(ceiling - floor + 1);
    }
}
