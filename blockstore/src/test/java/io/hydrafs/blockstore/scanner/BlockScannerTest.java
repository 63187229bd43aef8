package io.hydrafs.blockstore.scanner;

import io.hydrafs.blockstore.storage.ReplicaInfo;
import io.hydrafs.blockstore.storage.ReplicaReader;
import io.hydrafs.blockstore.storage.ReplicaWriter;
import io.hydrafs.blockstore.storage.StoreFixture;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.hydrafs.blockstore.storage.StoreFixture.block;
import static io.hydrafs.blockstore.storage.StoreFixture.bytes;
import static io.hydrafs.blockstore.storage.StoreFixture.write;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockScannerTest {
    @TempDir
    Path root;
    StoreFixture fx;
    final List<String> reports = new CopyOnWriteArrayList<>();
    final CorruptReplicaReporter reporter = (replica, reason) -> reports.add(replica + " " + reason);

    @BeforeEach
    void open() throws HydraException {
        fx = StoreFixture.create(root, 2);
        for (long id = 1; id <= 3; id++) {
            try (ReplicaWriter w = fx.store().createReplica(block(id, 1))) {
                write(w, 0, bytes(3000, id));
                w.finalizeReplica();
            }
        }
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private void flipByte(long blockId, long position) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(fx.blockFile(blockId).toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 0x01);
        }
    }

    @Test
    void verifierNamesTheFirstBadChunk() throws Exception {
        flipByte(2, 1300);
        flipByte(2, 2900);
        ReplicaVerifier verifier = new ReplicaVerifier(ScanPacer.UNLIMITED);
        try (ReplicaReader good = fx.store().openReplica(1, 1); ReplicaReader bad = fx.store().openReplica(2, 1)) {
            assertEquals(new ReplicaVerifier.Result(true, -1, 3000), verifier.verify(good));
            assertEquals(new ReplicaVerifier.Result(false, 1024, 1024), verifier.verify(bad));
        }
    }

    @Test
    void scanOnceMarksAndReportsACorruptReplicaOnce() throws Exception {
        flipByte(3, 10);
        try (BlockScanner scanner = new BlockScanner(fx.store(), reporter, Long.MAX_VALUE, 60_000)) {
            assertEquals(new BlockScanner.ScanResult(3, 1, 3 * 3000 - 3000), scanner.scanOnce());
            assertEquals(1, reports.size());
            assertTrue(reports.get(0).contains("blockId=3") && reports.get(0).contains("offset 0"), reports.get(0));
            assertEquals(new ReplicaInfo(3, 1, 3000, true, true), fx.store().replica(3).orElseThrow());
            assertFalse(fx.store().replica(1).orElseThrow().corrupt());

            assertEquals(new BlockScanner.ScanResult(2, 0, 6000), scanner.scanOnce());
            assertEquals(1, reports.size());
        }
    }

    @Test
    void replicasBeingWrittenAreNotScanned() throws Exception {
        ReplicaWriter w = fx.store().createReplica(block(9, 1));
        write(w, 0, bytes(100, 9));
        flipByte(9, 5);
        try (BlockScanner scanner = new BlockScanner(fx.store(), reporter, Long.MAX_VALUE, 60_000)) {
            assertEquals(0, scanner.scanOnce().corruptFound());
        }
        assertTrue(reports.isEmpty());
    }

    @Test
    void backgroundThreadFindsCorruptionAndStopsOnClose() throws Exception {
        flipByte(1, 2999);
        BlockScanner scanner = new BlockScanner(fx.store(), reporter, 1 << 20, 50);
        try {
            scanner.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> !reports.isEmpty());
        } finally {
            scanner.close();
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("hydra-block-scanner")));
        assertTrue(reports.get(0).contains("offset 2560"), reports.get(0));
    }
}
