package io.hydrafs.ops.bench;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client load of ha.failover: N threads, thread t creating empty files {@code dir(t)/f<n>}
 * (create without overwrite, then close) one after another until stopped, as an application
 * would go on writing through a leader crash.
 *
 * <p>Recorded per thread: every acknowledged create (both calls returned) and when; every op
 * that threw is counted and the first kept, and its name is never reused, so a create that
 * was committed before its call failed cannot make a later create fail. Each thread appends
 * only to its own lists; they are read after {@link #stopAndJoin}, whose join orders the reads
 * after the writes. While running, only {@link #firstAckAfterMark()} is read, which is atomic.
 */
final class CreateLoop {
    private static final CreateOptions NO_OVERWRITE = CreateOptions.builder().overwrite(false).build();

    private final HydraFileSystem fs;
    private final List<String> dirs;
    private final Thread[] threads;
    private final List<List<String>> ackedNames = new ArrayList<>();
    private final List<List<Long>> ackedAt = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicLong firstAckAfterMark = new AtomicLong();
    private volatile long mark = Long.MAX_VALUE;
    private volatile boolean stop;

    /** One thread per directory in {@code dirs}, which must exist before {@link #start()}. */
    CreateLoop(HydraFileSystem fs, List<String> dirs) {
        this.fs = fs;
        this.dirs = List.copyOf(dirs);
        this.threads = new Thread[dirs.size()];
        for (int t = 0; t < threads.length; t++) {
            ackedNames.add(new ArrayList<>());
            ackedAt.add(new ArrayList<>());
            final int thread = t;
            threads[t] = new Thread(() -> write(thread), "bench-ha-failover-t" + t);
            threads[t].setDaemon(true);
        }
    }

    void start() {
        for (Thread t : threads) {
            t.start();
        }
    }

    /** From now on, remember the first acknowledgement at or after {@code nanoTime} (the kill). */
    void mark(long nanoTime) {
        firstAckAfterMark.set(0);
        mark = nanoTime;
    }

    /** System.nanoTime() of the first create acknowledged after the mark; 0 while there is none. */
    long firstAckAfterMark() {
        return firstAckAfterMark.get();
    }

    /** Stops the threads after their current op; true if all ended within the wait. */
    boolean stopAndJoin(long waitMs) throws InterruptedException {
        stop = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        boolean allEnded = true;
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            allEnded &= !t.isAlive();
        }
        return allEnded;
    }

    private void write(int thread) {
        String dir = dirs.get(thread);
        List<String> names = ackedNames.get(thread);
        List<Long> times = ackedAt.get(thread);
        for (long n = 0; !stop; n++) {
            String name = "f" + n;
            try {
                fs.create(dir + "/" + name, NO_OVERWRITE).close();
                long now = System.nanoTime();
                names.add(name);
                times.add(now);
                if (now >= mark) {
                    firstAckAfterMark.compareAndSet(0, now);
                }
            } catch (Exception e) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, dir + "/" + name + ": " + e.getMessage());
            }
        }
    }

    int threads() {
        return threads.length;
    }

    String dir(int thread) {
        return dirs.get(thread);
    }

    /** The names thread {@code thread} had acknowledged; only after {@link #stopAndJoin} returned true. */
    List<String> acknowledged(int thread) {
        return List.copyOf(ackedNames.get(thread));
    }

    /** When every acknowledged create of any thread returned; only after {@link #stopAndJoin} returned true. */
    List<Long> ackTimes() {
        List<Long> all = new ArrayList<>();
        ackedAt.forEach(all::addAll);
        return all;
    }

    long failures() {
        return failures.get();
    }

    /** The first failed op, "path: message", or null if none failed. */
    String firstFailure() {
        return firstFailure.get();
    }
}
