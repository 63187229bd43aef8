package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Stream;

import static io.hydrafs.blockstore.storage.StoreFixture.block;
import static io.hydrafs.blockstore.storage.StoreFixture.bytes;
import static io.hydrafs.blockstore.storage.StoreFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A data directory that goes away under the store (tests may run as root, so no permission tricks). */
class VolumeFailureTest {
    @TempDir
    Path root;
    StoreFixture fx;

    @BeforeEach
    void open() throws HydraException {
        fx = StoreFixture.create(root, 2);
    }

    @AfterEach
    void close() {
        fx.close();
    }

    /** Replaces a data directory by a plain file, as a disk gone bad looks to the store. */
    private static void breakDirectory(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(dir, "not a directory any more");
    }

    private static void assertCode(ErrorCode code, org.junit.jupiter.api.function.Executable call) {
        HydraException e = assertThrows(HydraException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }

    @Test
    void failedVolumeFailsItsWriterAndOtherVolumeKeepsServing() throws HydraException, IOException {
        ReplicaWriter w = fx.store().createReplica(block(1, 1));
        write(w, 0, bytes(1000, 1));
        Path failing = fx.volumeOf(1);
        breakDirectory(failing);

        assertCode(ErrorCode.DISK_FAILED, w::finalizeReplica);
        assertTrue(fx.events.events().contains("deleted:1:1:1000"));
        assertTrue(fx.store().replica(1).isEmpty());
        assertCode(ErrorCode.REPLICA_NOT_FOUND, () -> fx.store().openReplica(1, 1));
        StorageSummary summary = fx.store().summary();
        assertEquals(1, summary.activeVolumes());
        assertEquals(1, summary.failedVolumes());

        byte[] data = bytes(3000, 2);
        for (long id = 2; id < 5; id++) {
            try (ReplicaWriter other = fx.store().createReplica(block(id, 1))) {
                write(other, 0, data);
                other.finalizeReplica();
            }
            assertArrayEquals(data, fx.read(id, 1));
            assertTrue(fx.blockFile(id).startsWith(fx.dirs.stream().filter(d -> !d.equals(failing)).findFirst()
                    .orElseThrow()));
        }
    }

    @Test
    void volumeFailureDropsItsFinalizedReplicasAndStopsItsOtherWriters() throws HydraException, IOException {
        for (long id = 1; id <= 6; id++) {
            try (ReplicaWriter w = fx.store().createReplica(block(id, 1))) {
                write(w, 0, bytes(100, id));
                w.finalizeReplica();
            }
        }
        Map<Long, ReplicaWriter> writers = new HashMap<>();
        Map<Long, Path> volumes = new HashMap<>();
        for (long id = 11; id <= 16; id++) {
            writers.put(id, fx.store().createReplica(block(id, 1)));
        }
        for (long id : List.of(1L, 2L, 3L, 4L, 5L, 6L, 11L, 12L, 13L, 14L, 15L, 16L)) {
            volumes.put(id, fx.volumeOf(id));
        }
        Path failing = volumes.get(11L);
        breakDirectory(failing);

        assertCode(ErrorCode.DISK_FAILED, () -> writers.get(11L).finalizeReplica());
        for (Map.Entry<Long, Path> e : volumes.entrySet()) {
            long id = e.getKey();
            boolean lost = e.getValue().equals(failing);
            assertEquals(!lost, fx.store().replica(id).isPresent(), "block " + id);
            if (id > 10 && lost) {
                assertCode(ErrorCode.DISK_FAILED, () -> write(writers.get(id), 0, bytes(10, id)));
            } else if (id > 10) {
                write(writers.get(id), 0, bytes(10, id));
                writers.get(id).finalizeReplica();
            }
        }
    }

    @Test
    void everyVolumeFailedMeansDiskFailedForWritesAndNotFoundForReads() throws HydraException, IOException {
        for (long id = 100; id < 100 + fx.dirs.size(); id++) {
            ReplicaWriter w = fx.store().createReplica(block(id, 1));
            breakDirectory(fx.volumeOf(id));
            assertCode(ErrorCode.DISK_FAILED, w::finalizeReplica);
        }
        assertCode(ErrorCode.DISK_FAILED, () -> fx.store().createReplica(block(9, 1)));
        assertCode(ErrorCode.REPLICA_NOT_FOUND, () -> fx.store().openReplica(9, 1));
        assertEquals(new StorageSummary(0, 0, 0, 0, 2), fx.store().summary());
        assertEquals(List.of(), fx.store().replicas());
    }

    @Test
    void unusableDirectoryAtStartIsAFailedVolume(@TempDir Path other) throws HydraException, IOException {
        Path good = other.resolve("good");
        Path bad = Files.writeString(other.resolve("bad"), "a file, not a directory");
        try (FsReplicaStore store = FsReplicaStore.open(StorageOptions.of(List.of(bad, good)), null)) {
            assertEquals(1, store.summary().failedVolumes());
            try (ReplicaWriter w = store.createReplica(block(1, 1))) {
                write(w, 0, bytes(10, 4));
                w.finalizeReplica();
            }
            assertTrue(Files.exists(good.resolve(BlockstoreIdFile.FILE_NAME)));
        }
    }

    @Test
    void creationOnABrokenVolumeMovesOnToAWorkingOne() throws HydraException, IOException {
        // break the volume the chooser would pick first (most free space: equal here, so the first listed)
        Path first = fx.dirs.get(0);
        breakDirectory(first);
        for (long id = 1; id <= 2; id++) {
            try (ReplicaWriter w = fx.store().createReplica(block(id, 1))) {
                write(w, 0, bytes(10, 5));
                w.finalizeReplica();
            }
        }
        assertEquals(1, fx.store().summary().failedVolumes());
        assertEquals(2, fx.store().replicas().size());
    }

    @Test
    void noSpaceLeftIsDiskFullAndKeepsTheVolume() throws HydraException {
        Volume volume = Volume.open(fx.dirs.get(0), 0);
        HydraException e = fx.store().ioFailure(volume, new IOException("No space left on device"), "writing");
        assertEquals(ErrorCode.DISK_FULL, e.code());
        assertTrue(volume.check());
        assertEquals(0, fx.store().summary().failedVolumes());
    }

    @Test
    void runningOutOfFileDescriptorsIsAnIoErrorAndKeepsTheVolume(@TempDir Path other) throws IOException {
        Path dir = other.resolve("data");
        Volume volume = Volume.open(dir, 0);
        breakDirectory(dir); // the volume check fails too when no descriptor is left: it must not be asked

        HydraException e = fx.store().ioFailure(volume, new IOException("Too many open files"), "writing");

        assertEquals(ErrorCode.IO_ERROR, e.code());
        assertFalse(volume.failed());
    }
}
