package io.hydrafs.ops.failover;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N threads, each creating empty files {@code base/w<t>/f<n>} (create without overwrite, then
 * close: two metadata calls) one after another until told to stop: a steady application load
 * while the leader is killed (the quickstart's failover drill, the ha.failover benchmark).
 *
 * <p>What is recorded: for each writer, the names whose create and close both returned
 * ("acknowledged") and when; every call that threw, counted, with the first messages kept. A
 * failed file's name is never reused, so a create that reached the log before its call failed
 * cannot make a later create of the same name fail.
 */
public final class CreateWriters {
    private static final CreateOptions NO_OVERWRITE = CreateOptions.builder().overwrite(false).build();
    private static final int FAILURE_SAMPLES = 3;

    /** One acknowledged create: the file name and System.nanoTime() when its close returned. */
    public record Ack(String name, long atNanos) {
    }

    private final HydraFileSystem fs;
    private final String baseDir;
    private final Thread[] threads;
    private final List<List<Ack>> acks = new ArrayList<>();   // per writer; guarded by this
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentLinkedQueue<String> failureSamples = new ConcurrentLinkedQueue<>();
    private volatile boolean stop;

    /** Writers over {@code baseDir/w0 .. w<n-1>}, which must exist before {@link #start()}. */
    public CreateWriters(HydraFileSystem fs, String baseDir, int writers) {
        this.fs = fs;
        this.baseDir = baseDir;
        this.threads = new Thread[writers];
        for (int t = 0; t < writers; t++) {
            acks.add(new ArrayList<>());
            final int writer = t;
            threads[t] = new Thread(() -> write(writer), "create-writer-" + t);
            threads[t].setDaemon(true);
        }
    }

    public String writerDir(int writer) {
        return baseDir + "/w" + writer;
    }

    public int writers() {
        return threads.length;
    }

    public void start() {
        for (Thread t : threads) {
            t.start();
        }
    }

    /** Stops the writers after their current call; true if all ended within the wait. */
    public boolean stopAndJoin(long waitMs) throws InterruptedException {
        stop = true;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        for (Thread t : threads) {
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }

    private void write(int writer) {
        String dir = writerDir(writer);
        for (long n = 0; !stop; n++) {
            String name = "f" + n;
            try {
                fs.create(dir + "/" + name, NO_OVERWRITE).close();
                long now = System.nanoTime();
                synchronized (this) {
                    acks.get(writer).add(new Ack(name, now));
                }
            } catch (Exception e) {
                failures.incrementAndGet();
                if (failureSamples.size() < FAILURE_SAMPLES) {
                    failureSamples.add(dir + "/" + name + ": " + e.getMessage());
                }
            }
        }
    }

    /** The creates writer {@code writer} got acknowledged, in order. */
    public synchronized List<Ack> acknowledged(int writer) {
        return List.copyOf(acks.get(writer));
    }

    /** When each acknowledged create of any writer returned (System.nanoTime), unsorted. */
    public synchronized List<Long> ackTimes() {
        return acks.stream().flatMap(List::stream).map(Ack::atNanos).toList();
    }

    public synchronized long acknowledgedSince(long nanoTime) {
        return acks.stream().flatMap(List::stream).filter(a -> a.atNanos() >= nanoTime).count();
    }

    public long failures() {
        return failures.get();
    }

    public List<String> failureSamples() {
        return List.copyOf(failureSamples);
    }
}
