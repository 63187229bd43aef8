package io.hydrafs.ops.cli;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraInputStream;
import io.hydrafs.client.HydraOutputStream;

import java.io.IOException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client workload for availability tests: threads that each create a multi-block file,
 * write it, read an earlier one of theirs back and compare, and stat the directory, in a
 * loop. Every failed call is recorded (the threads go on); file contents follow from their
 * path, so any acknowledged file can be checked later.
 */
final class FileChurn implements AutoCloseable {
    static final long BLOCK_SIZE = 128 * 1024;
    private static final CreateOptions OPTIONS = CreateOptions.builder().overwrite(false).replication(3)
            .blockSizeBytes(BLOCK_SIZE).build();

    private final HydraFileSystem fs;
    private final int threads;
    private final ExecutorService pool;
    private final List<Future<?>> running = new ArrayList<>();
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();

    private FileChurn(HydraFileSystem fs, int threads) {
        this.fs = fs;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads);
    }

    static FileChurn start(HydraFileSystem fs, int threads) throws Exception {
        FileChurn churn = new FileChurn(fs, threads);
        for (int t = 0; t < threads; t++) {
            fs.mkdirs(dir(t));
            int thread = t;
            churn.running.add(churn.pool.submit(() -> churn.churn(thread)));
        }
        return churn;
    }

    private static String dir(int thread) {
        return "/churn/t" + thread;
    }

    /** Contents follow from the path: 1 to 3.5 blocks of seeded random bytes. */
    static byte[] contentOf(String path) {
        Random r = new Random(path.hashCode());
        byte[] data = new byte[(int) (BLOCK_SIZE / 2 + r.nextInt((int) (BLOCK_SIZE * 3)))];
        r.nextBytes(data);
        return data;
    }

    private void churn(int thread) {
        Random pick = new Random(thread);
        List<String> mine = new ArrayList<>();
        for (int i = 0; !stop.get(); i++) {
            String path = dir(thread) + "/f" + i;
            byte[] data = contentOf(path);
            if (call("create+write " + path, () -> {
                try (HydraOutputStream out = fs.create(path, OPTIONS)) {
                    out.write(data);
                }
            })) {
                acknowledged.put(path, data.length);
                mine.add(path);
            }
            if (!mine.isEmpty()) {
                String earlier = mine.get(pick.nextInt(mine.size()));
                call("read " + earlier, () -> assertArrayEquals(contentOf(earlier), read(earlier), earlier));
            }
            call("list " + dir(thread), () -> fs.listStatus(dir(thread)));
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private boolean call(String what, Call c) {
        calls.incrementAndGet();
        try {
            c.run();
            return true;
        } catch (Exception | AssertionError e) {
            failures.add(LocalTime.now() + " " + what + ": " + e);  // the time places it among the roll's steps
            return false;
        }
    }

    private byte[] read(String path) throws IOException {
        try (HydraInputStream in = fs.open(path)) {
            return in.readAllBytes();
        }
    }

    int calls() {
        return calls.get();
    }

    int acknowledgedFiles() {
        return acknowledged.size();
    }

    /**
     * Waits until {@code more} further files are acknowledged; fails at once, saying why, if a call
     * failed ({@code context}, such as when the disturbance ran, goes into that message).
     */
    void awaitMoreFiles(int more, String context) {
        int target = acknowledged.size() + more;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> acknowledged.size() >= target || !failures.isEmpty());
        assertTrue(failures.isEmpty(), failures.size() + " failed calls of " + calls() + ": "
                + failures.stream().limit(5).toList() + "; " + context);
    }

    /** Stops the threads; then no call may have failed, and every acknowledged file reads back intact. */
    void stopAndVerify(HydraFileSystem reader) throws Exception {
        stop.set(true);
        for (Future<?> f : running) {
            f.get(120, TimeUnit.SECONDS);
        }
        assertTrue(failures.isEmpty(), failures.size() + " failed calls of " + calls() + ": "
                + failures.stream().limit(5).toList());
        int listed = 0;
        for (int t = 0; t < threads; t++) {
            listed += reader.listStatus(dir(t)).size();
        }
        assertEquals(acknowledged.size(), listed, "files that were never acknowledged appeared, or some vanished");
        for (String path : acknowledged.keySet()) {
            byte[] back;
            try (HydraInputStream in = reader.open(path)) {
                back = in.readAllBytes();
            }
            assertTrue(Arrays.equals(contentOf(path), back), "contents of " + path + " changed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        pool.shutdownNow();
        pool.awaitTermination(60, TimeUnit.SECONDS);
    }
}
