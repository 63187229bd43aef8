package io.hydrafs.blockstore.scanner;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScanPacerTest {
    @Test
    void bytesAreDueAtTheConfiguredRate() throws InterruptedException {
        AtomicLong now = new AtomicLong(0);
        ScanPacer pacer = new ScanPacer(1000, now::get);
        now.set(10_000_000_000L); // far ahead of the rate: no sleeping
        pacer.pace(500);
        pacer.pace(1500);
        assertEquals(2_000_000_000L, pacer.nanosDue());
    }

    @Test
    void readingAheadOfTheRateSleeps() throws InterruptedException {
        ScanPacer pacer = new ScanPacer(10_000, System::nanoTime);
        long start = System.nanoTime();
        pacer.pace(1000); // 1000 bytes at 10000 B/s are due after 100 ms
        assertTrue(System.nanoTime() - start >= 90_000_000L);
    }
}
