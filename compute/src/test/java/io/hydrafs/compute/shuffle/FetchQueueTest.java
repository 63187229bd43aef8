package io.hydrafs.compute.shuffle;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FetchQueueTest {
    private final List<Integer> started = new ArrayList<>();
    private final FetchQueue<Integer> queue = new FetchQueue<>(2, started::add);

    @Test
    void fetchesBeyondTheBoundWaitAndStartInOrderAsOthersFinish() {
        for (int i = 0; i < 5; i++) {
            queue.submit(i);
        }
        assertEquals(List.of(0, 1), started);

        queue.finished();
        assertEquals(List.of(0, 1, 2), started);
        queue.finished();
        queue.finished();
        assertEquals(List.of(0, 1, 2, 3, 4), started);
        assertEquals(2, queue.active());
        assertEquals(2, queue.peakActive());
    }

    @Test
    void drainingReturnsOnlyFetchesNotStarted() {
        for (int i = 0; i < 4; i++) {
            queue.submit(i);
        }

        assertEquals(List.of(2, 3), queue.drainWaiting());
        queue.finished();
        assertEquals(List.of(0, 1), started);
    }

    @Test
    void aBoundBelowOneIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FetchQueue<Integer>(0, i -> { }));
    }
}
