package io.hydrafs.blockstore.scanner;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps the scanner's reads at or under a byte rate, so verification does not compete with
 * clients for the disks: after each batch it sleeps until the bytes read so far are within the
 * rate since the pacer started. One pacer per pass; not thread-safe.
 */
public final class ScanPacer {
    /** No pacing: for tests and one-off verification. */
    public static final ScanPacer UNLIMITED = new ScanPacer(Long.MAX_VALUE, System::nanoTime);

    private final long bytesPerSecond;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private long bytes;

    public ScanPacer(long bytesPerSecond, LongSupplier nanoClock) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("bytesPerSecond must be > 0");
        }
        this.bytesPerSecond = bytesPerSecond;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Accounts {@code n} bytes just read and sleeps as long as the rate requires. */
    public void pace(long n) throws InterruptedException {
        if (bytesPerSecond == Long.MAX_VALUE) {
            return;
        }
        bytes += n;
        long wait = nanosDue() - (nanoClock.getAsLong() - startNanos);
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Nanoseconds after the start by which the bytes accounted so far may have been read. */
    long nanosDue() {
        return (long) (bytes * 1e9 / bytesPerSecond);
    }
}
