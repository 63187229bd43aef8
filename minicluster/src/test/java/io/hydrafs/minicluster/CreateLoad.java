package io.hydrafs.minicluster;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.HydraException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threads creating empty files in a loop under {@code /ha/t<thread>/}, each stopping at its
 * first failed call: the client workload of the failover tests. Close it to stop the threads.
 */
final class CreateLoad implements AutoCloseable {
    private final HydraFileSystem fs;
    private final int threads;
    private final ExecutorService pool;
    private final List<Future<?>> running = new ArrayList<>();
    private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong lastSuccessNanos = new AtomicLong(System.nanoTime());

    private CreateLoad(HydraFileSystem fs, int threads) {
        this.fs = fs;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    static CreateLoad start(HydraFileSystem fs, int threads) throws HydraException {
        for (int t = 0; t < threads; t++) {
            fs.mkdirs("/ha/t" + t);
        }
        CreateLoad load = new CreateLoad(fs, threads);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            load.running.add(load.pool.submit(() -> load.createUntilStopped(thread)));
        }
        return load;
    }

    private void createUntilStopped(int thread) {
        for (int i = 0; !stop.get(); i++) {
            String path = "/ha/t" + thread + "/f" + i;
            try {
                fs.create(path, CreateOptions.builder().overwrite(false).build()).close();
                acknowledged.add(path);
                lastSuccessNanos.set(System.nanoTime());
            } catch (HydraException e) {
                failures.add(e);
                return;
            }
        }
    }

    /** Waits until {@code more} further creates have been acknowledged (60 s at most). */
    void awaitMore(int more) {
        int target = acknowledged.size() + more;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> acknowledged.size() >= target || !failures.isEmpty());
    }

    long lastSuccessNanos() {
        return lastSuccessNanos.get();
    }

    /** Stops the threads, then checks: no call failed, and exactly the acknowledged files exist. */
    void stopAndVerify() throws Exception {
        stop.set(true);
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertTrue(failures.isEmpty(), "client calls failed: " + failures);
        for (String path : acknowledged) {
            assertTrue(fs.exists(path), "acknowledged create lost: " + path);
        }
        int listed = 0;
        for (int t = 0; t < threads; t++) {
            listed += fs.listStatus("/ha/t" + t).size();
        }
        assertEquals(acknowledged.size(), listed, "files that were never acknowledged appeared, or some vanished");
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }
}
