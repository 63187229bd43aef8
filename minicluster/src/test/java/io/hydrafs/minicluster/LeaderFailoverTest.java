package io.hydrafs.minicluster;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
 * Killing the leader while writers are busy loses nothing: every acknowledged create exists
 * afterwards, no create that the client retried across the failover comes back as
 * "already exists" (the retry cache answers it), and service resumes within seconds.
 */
class LeaderFailoverTest {
    private MiniCluster cluster;
    private ExecutorService writers;

    @AfterEach
    void tearDown() throws Exception {
        if (writers != null) {
            writers.shutdownNow();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killingTheLeaderDuringCreatesLosesNoAcknowledgedFile() throws Exception {
        cluster = MiniCluster.builder().metaNodes(3).start();
        HydraFileSystem fs = cluster.newClient();
        int threads = 4;
        for (int t = 0; t < threads; t++) {
            fs.mkdirs("/ha/t" + t);
        }
        Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong lastSuccessNanos = new AtomicLong(System.nanoTime());
        writers = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            running.add(writers.submit(() -> {
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
            }));
        }
        awaitAcknowledged(acknowledged, 200);

        int oldLeader = cluster.leaderIndex();
        long killedAt = System.nanoTime();
        cluster.stopMeta(oldLeader);
        int before = acknowledged.size();
        awaitAcknowledged(acknowledged, before + 200);
        long resumedAfterMs = TimeUnit.NANOSECONDS.toMillis(lastSuccessNanos.get() - killedAt);
        stop.set(true);
        for (Future<?> f : running) {
            f.get(60, TimeUnit.SECONDS);
        }

        assertTrue(failures.isEmpty(), "client calls failed across the failover: " + failures);
        assertTrue(cluster.leaderIndex() != oldLeader);
        for (String path : acknowledged) {
            assertTrue(fs.exists(path), "acknowledged create lost: " + path);
        }
        int listed = 0;
        for (int t = 0; t < threads; t++) {
            listed += fs.listStatus("/ha/t" + t).size();
        }
        assertEquals(acknowledged.size(), listed, "files that were never acknowledged appeared, or some vanished");
        assertTrue(resumedAfterMs < 15_000, "service resumed only after " + resumedAfterMs + " ms");
    }

    private static void awaitAcknowledged(Queue<String> acknowledged, int atLeast) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> acknowledged.size() >= atLeast);
    }
}
