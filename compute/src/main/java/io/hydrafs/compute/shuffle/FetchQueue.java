package io.hydrafs.compute.shuffle;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * Bounds how many fetches run at once: a submitted fetch starts at once if fewer than
 * {@code maxActive} run (the start action is called with it), otherwise it waits in FIFO order until one {@link #finished()}.
 * Starts run on the submitting or the finishing thread, outside the lock, and must not block.
 */
final class FetchQueue<T> {
    private final int maxActive;
    private final Consumer<T> start;
    private final Queue<T> waiting = new ArrayDeque<>();
    private int active;
    private int peakActive;

    FetchQueue(int maxActive, Consumer<T> start) {
        if (maxActive < 1) {
            throw new IllegalArgumentException("at least one parallel fetch, got " + maxActive);
        }
        this.maxActive = maxActive;
        this.start = start;
    }

    void submit(T fetch) {
        synchronized (this) {
            if (active >= maxActive) {
                waiting.add(fetch);
                return;
            }
            admit();
        }
        start.accept(fetch);
    }

    /** One started fetch ended (either way); starts the next waiting one, if any. */
    void finished() {
        T next;
        synchronized (this) {
            active--;
            next = waiting.poll();
            if (next == null) {
                return;
            }
            admit();
        }
        start.accept(next);
    }

    /** Removes and returns every fetch that has not started (on close, to fail them). */
    synchronized List<T> drainWaiting() {
        List<T> drained = new ArrayList<>(waiting);
        waiting.clear();
        return drained;
    }

    synchronized int active() {
        return active;
    }

    /** The most fetches that ever ran at once. */
    synchronized int peakActive() {
        return peakActive;
    }

    private void admit() {
        active++;
        peakActive = Math.max(peakActive, active);
    }
}
