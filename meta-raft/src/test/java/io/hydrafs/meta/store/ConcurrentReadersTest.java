package io.hydrafs.meta.store;

import static io.hydrafs.meta.store.StoreFixture.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer commits generation after generation while readers scan: every scan must see one
 * whole generation. Generation g sets all {@link #KEYS} keys to g, and the marker key exists
 * exactly when g is even, so a half-applied batch shows as mixed values or a wrong marker.
 */
class ConcurrentReadersTest {
    private static final int KEYS = 20;
    private static final int READERS = 2;
    private static final long RUN_MS = 1000;
    private static final byte[] MARKER = utf8("marker");

    @TempDir
    Path dir;
    private RocksMetaStore store;
    private ExecutorService threads;

    @BeforeEach
    void open() {
        store = RocksMetaStore.open(dir);
        threads = Executors.newFixedThreadPool(READERS + 1);
        commitGeneration(0);
    }

    @AfterEach
    void close() throws InterruptedException {
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), "test threads did not stop");
        store.close();
    }

    @Test
    void readersSeeEachBatchWholeOrNotAtAll() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        Set<Long> generationsSeen = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            readers.add(threads.submit(() -> {
                int scans = 0;
                while (writing.get()) {
                    generationsSeen.add(scanOneGeneration());
                    scans++;
                }
                return scans;
            }));
        }
        Future<Long> writer = threads.submit(() -> {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MS);
            long generation = 0;
            try {
                while (System.nanoTime() < deadline) {
                    commitGeneration(++generation);
                }
            } finally {
                writing.set(false);
            }
            return generation;
        });

        long generations = writer.get(30, TimeUnit.SECONDS);
        for (Future<Integer> reader : readers) {
            assertTrue(reader.get(30, TimeUnit.SECONDS) > 0);
        }
        assertEquals(new AppliedIndex(1, generations + 1), store.appliedIndex());
        // the check had material: readers overlapped several commits
        assertTrue(generationsSeen.size() > 2, "readers saw only generations " + generationsSeen);
    }

    /** Scans the table and returns the single generation it saw; fails on a mixed view. */
    private long scanOneGeneration() {
        long generation = -1;
        int count = 0;
        boolean marker = false;
        try (MetaReader.ScanIterator scan = store.reader().scan(Table.INODES, new byte[0], null)) {
            while (scan.hasNext()) {
                KeyValue kv = scan.next();
                if (Arrays.equals(kv.key(), MARKER)) {
                    marker = true;
                    continue;
                }
                long value = ByteBuffer.wrap(kv.value()).getLong();
                if (generation == -1) {
                    generation = value;
                }
                assertEquals(generation, value, "mixed generations in one scan");
                count++;
            }
        }
        assertEquals(KEYS, count);
        assertEquals(generation % 2 == 0, marker, "marker disagrees with generation " + generation);
        return generation;
    }

    private void commitGeneration(long generation) {
        byte[] value = ByteBuffer.allocate(Long.BYTES).putLong(generation).array();
        try (StoreBatch batch = store.newBatch()) {
            for (int k = 0; k < KEYS; k++) {
                batch.put(Table.INODES, utf8(String.format("key-%02d", k)), value);
            }
            if (generation % 2 == 0) {
                batch.put(Table.INODES, MARKER, new byte[0]);
            } else {
                batch.delete(Table.INODES, MARKER);
            }
            store.commit(batch, 1, generation + 1, 0);
        }
    }
}
