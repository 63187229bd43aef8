package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static io.hydrafs.blockstore.storage.StoreFixture.block;
import static io.hydrafs.blockstore.storage.StoreFixture.bytes;
import static io.hydrafs.blockstore.storage.StoreFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FsReplicaStoreTest {
    @TempDir
    Path root;
    StoreFixture fx;
    FsReplicaStore store;

    @BeforeEach
    void open() throws HydraException {
        fx = StoreFixture.create(root, 2);
        store = fx.store();
    }

    @AfterEach
    void close() {
        fx.close();
    }

    private static void assertCode(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
        HydraException e = assertThrows(HydraException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 511, 512, 513, 200_000})
    void writtenReplicaReadsBackAfterFinalize(int size) throws HydraException {
        byte[] data = bytes(size, size);
        try (ReplicaWriter w = store.createReplica(block(7, 1))) {
            write(w, 0, data);
            assertEquals(size, w.bytesOnDisk());
            ReplicaInfo info = w.finalizeReplica();
            assertEquals(new ReplicaInfo(7, 1, size, true, false), info);
        }
        assertArrayEquals(data, fx.read(7, 1));
        assertEquals(List.of(new ReplicaInfo(7, 1, size, true, false)), store.replicas());
        assertEquals(List.of("writing:7:1:0", "finalized:7:1:" + size), fx.events.events());
    }

    @Test
    void replicaBeingWrittenIsReadableUpToItsBytesOnDisk() throws HydraException {
        byte[] data = bytes(1000, 1);
        try (ReplicaWriter w = store.createReplica(block(8, 1))) {
            write(w, 0, data);
            assertArrayEquals(data, fx.read(8, 1));
            assertEquals(new ReplicaInfo(8, 1, 1000, false, false), store.replica(8).orElseThrow());
        }
    }

    @Test
    void overlappingRewriteOfPartialLastChunkKeepsChecksumsRight() throws HydraException {
        byte[] first = bytes(700, 2);
        byte[] all = Arrays.copyOf(first, 1112);
        System.arraycopy(bytes(600 - 188, 3), 0, all, 700, 1112 - 700);
        try (ReplicaWriter w = store.createReplica(block(9, 1))) {
            write(w, 0, first);
            ReplicaReader beforeRewrite = store.openReplica(9, 1);
            write(w, 512, Arrays.copyOfRange(all, 512, 1112));
            assertEquals(1112, w.bytesOnDisk());
            // a reader opened at 700 bytes still verifies its partial chunk against the old checksum
            try (beforeRewrite) {
                assertArrayEquals(first, StoreFixture.readVerified(beforeRewrite));
            }
            w.finalizeReplica();
        }
        assertArrayEquals(all, fx.read(9, 1));
    }

    @Test
    void createOfExistingBlockFails() throws HydraException {
        store.createReplica(block(10, 1)).close();
        assertCode(ErrorCode.REPLICA_ALREADY_EXISTS, () -> store.createReplica(block(10, 2)));
    }

    @Test
    void badWriteArgumentsAreInvalid() throws HydraException {
        try (ReplicaWriter w = store.createReplica(block(11, 1))) {
            write(w, 0, bytes(1000, 4));
            ByteBuffer chunk = ByteBuffer.wrap(bytes(512, 5));
            ByteBuffer sums = ByteBuffer.wrap(DataChecksums.compute(chunk));
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> w.write(-512, chunk, sums));
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> w.write(100, chunk, sums));
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> w.write(1536, chunk, sums));
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> w.write(0, chunk, ByteBuffer.allocate(8)));
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> w.write(0, ByteBuffer.wrap(bytes(100, 6)),
                    ByteBuffer.wrap(DataChecksums.compute(ByteBuffer.wrap(bytes(100, 6))))));
            assertEquals(1000, w.bytesOnDisk());
        }
        try (ReplicaReader r = store.openReplica(11, 1)) {
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> r.readData(900, ByteBuffer.allocate(200)));
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> r.readChecksums(100, 10));
        }
    }

    @Test
    void openWithWrongStampOrUnknownIdFails() throws HydraException {
        try (ReplicaWriter w = store.createReplica(block(12, 5))) {
            w.finalizeReplica();
        }
        assertCode(ErrorCode.STALE_GENERATION_STAMP, () -> store.openReplica(12, 4));
        assertCode(ErrorCode.REPLICA_NOT_FOUND, () -> store.openReplica(13, 5));
    }

    @Test
    void reopenForPipelineRecoveryTruncatesAndChangesStamp() throws HydraException {
        byte[] data = bytes(3000, 7);
        ReplicaWriter old = store.createReplica(block(20, 1));
        write(old, 0, data);
        ReplicaWriter w = store.reopenReplica(20, 1, 2, 1100);
        assertEquals(1100, w.bytesOnDisk());
        assertEquals(2, w.generationStamp());
        assertCode(ErrorCode.STALE_GENERATION_STAMP, () -> write(old, 0, data));
        assertCode(ErrorCode.STALE_GENERATION_STAMP, () -> store.openReplica(20, 1));
        assertArrayEquals(Arrays.copyOf(data, 1100), fx.read(20, 2));
        write(w, 1024, Arrays.copyOfRange(data, 1024, 3000));
        w.finalizeReplica();
        assertArrayEquals(data, fx.read(20, 2));
        assertEquals(List.of("writing:20:1:0", "writing:20:2:1100", "finalized:20:2:3000"), fx.events.events());
    }

    @Test
    void appendReopensFinalizedReplica() throws HydraException {
        byte[] data = bytes(1500, 8);
        try (ReplicaWriter w = store.createReplica(block(21, 1))) {
            write(w, 0, Arrays.copyOf(data, 700));
            w.finalizeReplica();
        }
        try (ReplicaWriter w = store.reopenReplica(21, 1, 2, 700)) {
            assertFalse(store.replica(21).orElseThrow().finalized());
            write(w, 512, Arrays.copyOfRange(data, 512, 1500));
            w.finalizeReplica();
        }
        assertArrayEquals(data, fx.read(21, 2));
        assertEquals(new ReplicaInfo(21, 2, 1500, true, false), store.replica(21).orElseThrow());
    }

    @Test
    void reopenChecksStampAndLength() throws HydraException {
        try (ReplicaWriter w = store.createReplica(block(22, 3))) {
            write(w, 0, bytes(100, 9));
        }
        assertCode(ErrorCode.STALE_GENERATION_STAMP, () -> store.reopenReplica(22, 2, 4, 0));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.reopenReplica(22, 3, 4, 101));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.reopenReplica(22, 3, 3, 0));
        assertCode(ErrorCode.REPLICA_NOT_FOUND, () -> store.reopenReplica(23, 3, 4, 0));
    }

    @Test
    void secondWriterStopsTheFirst() throws HydraException {
        ReplicaWriter first = store.createReplica(block(24, 1));
        write(first, 0, bytes(512, 10));
        ReplicaWriter second = store.reopenReplica(24, 1, 2, 512);
        assertCode(ErrorCode.STALE_GENERATION_STAMP, first::finalizeReplica);
        assertCode(ErrorCode.STALE_GENERATION_STAMP, first::sync);
        write(second, 512, bytes(10, 11));
        second.sync();
        assertEquals(522, second.finalizeReplica().numBytes());
    }

    @Test
    void recoverReplicaTruncatesAndFinalizesWithNewStamp() throws HydraException {
        byte[] data = bytes(2000, 12);
        ReplicaWriter w = store.createReplica(block(30, 1));
        write(w, 0, data);
        ReplicaInfo info = store.recoverReplica(30, 5, 777);
        assertEquals(new ReplicaInfo(30, 5, 777, true, false), info);
        assertCode(ErrorCode.STALE_GENERATION_STAMP, () -> write(w, 0, data));
        assertArrayEquals(Arrays.copyOf(data, 777), fx.read(30, 5));
        assertEquals(info, store.recoverReplica(30, 5, 777));
        assertCode(ErrorCode.STALE_GENERATION_STAMP, () -> store.recoverReplica(30, 4, 777));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.recoverReplica(30, 6, 778));
        assertTrue(fx.events.events().contains("finalized:30:5:777"));
    }

    @Test
    void deleteKeepsNewerStampAndStopsWriter() throws HydraException {
        ReplicaWriter w = store.createReplica(block(40, 3));
        write(w, 0, bytes(100, 13));
        assertFalse(store.deleteReplica(block(40, 2)));
        assertTrue(store.replica(40).isPresent());
        assertTrue(store.deleteReplica(block(40, 3)));
        assertTrue(store.replica(40).isEmpty());
        assertCode(ErrorCode.STALE_GENERATION_STAMP, () -> write(w, 0, bytes(100, 13)));
        assertTrue(fx.filesNamed("blk_40").isEmpty());
        assertFalse(store.deleteReplica(block(40, 3)));
        assertTrue(fx.events.events().contains("deleted:40:3:100"));
    }

    @Test
    void markCorruptShowsInReplicasButReadsGoOn() throws HydraException {
        try (ReplicaWriter w = store.createReplica(block(50, 1))) {
            write(w, 0, bytes(600, 14));
            w.finalizeReplica();
        }
        store.markCorrupt(50);
        store.markCorrupt(51);
        assertEquals(List.of(new ReplicaInfo(50, 1, 600, true, true)), store.replicas());
        assertEquals(600, fx.read(50, 1).length);
    }

    @Test
    void newReplicasGoToTheVolumesAndSummaryCountsThem() throws HydraException {
        for (int i = 0; i < 4; i++) {
            try (ReplicaWriter w = store.createReplica(block(60 + i, 1))) {
                write(w, 0, bytes(1000, i));
                w.finalizeReplica();
            }
        }
        StorageSummary s = store.summary();
        assertEquals(4000, s.usedBytes());
        assertEquals(2, s.activeVolumes());
        assertEquals(0, s.failedVolumes());
        assertTrue(s.capacityBytes() > 0 && s.remainingBytes() > 0);
    }

    @Test
    void hugeReservedSpaceMeansDiskFull(@TempDir Path other) throws HydraException {
        try (StoreFixture full = StoreFixture.create(other, 2, Long.MAX_VALUE / 4)) {
            HydraException e = assertThrows(HydraException.class, () -> full.store().createReplica(block(1, 1)));
            assertEquals(ErrorCode.DISK_FULL, e.code());
            assertEquals(0, full.store().summary().remainingBytes());
        }
    }

    @Test
    void closedStoreRefusesCallsAndStopsWriters() throws HydraException {
        ReplicaWriter w = store.createReplica(block(70, 1));
        store.close();
        assertCode(ErrorCode.SERVER_SHUTTING_DOWN, () -> write(w, 0, bytes(10, 1)));
        assertCode(ErrorCode.SERVER_SHUTTING_DOWN, () -> store.createReplica(block(71, 1)));
    }

    @Test
    void initRecoveryStopsTheWriterAndMovesEveryStoredByteToTheRecoveryStamp() throws HydraException {
        byte[] data = bytes(1000, 4);
        ReplicaWriter w = store.createReplica(block(80, 3));
        write(w, 0, data);

        ReplicaInfo stopped = store.initRecovery(80, 3, 5);

        assertEquals(new ReplicaInfo(80, 3, 1000, false, false), stopped);
        assertCode(ErrorCode.STALE_GENERATION_STAMP, () -> write(w, 1000, bytes(24, 5)));
        assertEquals(new ReplicaInfo(80, 5, 1000, false, false), store.replica(80).orElseThrow());
        assertArrayEquals(data, fx.read(80, 5));
        assertEquals(List.of("writing:80:3:0", "writing:80:5:1000"), fx.events.events());
        assertEquals(new ReplicaInfo(80, 5, 1000, false, false), store.initRecovery(80, 3, 5)); // retried
    }

    @Test
    void initRecoveryReportsAFinalizedReplicaUnchanged() throws HydraException {
        try (ReplicaWriter w = store.createReplica(block(81, 2))) {
            write(w, 0, bytes(700, 1));
            w.finalizeReplica();
        }

        assertEquals(new ReplicaInfo(81, 2, 700, true, false), store.initRecovery(81, 2, 3));
        assertEquals(new ReplicaInfo(81, 2, 700, true, false), store.replica(81).orElseThrow());
    }

    @Test
    void initRecoveryRefusesAStampOutsideTheRecoveryRange() throws HydraException {
        store.createReplica(block(82, 4)).close();

        assertCode(ErrorCode.STALE_GENERATION_STAMP, () -> store.initRecovery(82, 5, 6));
        assertCode(ErrorCode.STALE_GENERATION_STAMP, () -> store.initRecovery(82, 2, 3));
        assertCode(ErrorCode.REPLICA_NOT_FOUND, () -> store.initRecovery(83, 1, 2));
        assertEquals(4, store.replica(82).orElseThrow().generationStamp());
    }
}
