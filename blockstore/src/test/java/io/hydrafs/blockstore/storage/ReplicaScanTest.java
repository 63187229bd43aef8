package io.hydrafs.blockstore.storage;

import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

import static io.hydrafs.blockstore.storage.StoreFixture.block;
import static io.hydrafs.blockstore.storage.StoreFixture.bytes;
import static io.hydrafs.blockstore.storage.StoreFixture.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rebuild of a store from its directories after a restart or crash. */
class ReplicaScanTest {
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

    private void finalizedReplica(long id, long stamp, byte[] data) throws HydraException {
        try (ReplicaWriter w = fx.store().createReplica(block(id, stamp))) {
            write(w, 0, data);
            w.finalizeReplica();
        }
    }

    private static void overwriteByte(Path file, long position) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(position);
            int b = f.read();
            f.seek(position);
            f.write(b ^ 0xFF);
        }
    }

    @Test
    void finalizedReplicasSurviveRestartAsTheyAre() throws HydraException {
        byte[] data = bytes(5000, 1);
        finalizedReplica(1, 3, data);
        FsReplicaStore store = fx.restart();
        assertEquals(List.of(new ReplicaInfo(1, 3, 5000, true, false)), store.replicas());
        assertArrayEquals(data, fx.read(1, 3));
    }

    @Test
    void replicaBeingWrittenKeepsItsVerifiedPrefix() throws HydraException, IOException {
        byte[] data = bytes(2000, 2);
        ReplicaWriter w = fx.store().createReplica(block(2, 1));
        write(w, 0, data);
        overwriteByte(fx.blockFile(2), 1100); // in the chunk at 1024
        FsReplicaStore store = fx.restart();
        assertEquals(new ReplicaInfo(2, 1, 1024, false, false), store.replica(2).orElseThrow());
        assertArrayEquals(Arrays.copyOf(data, 1024), fx.read(2, 1));
        assertEquals(1024, Files.size(fx.blockFile(2)));
        // and it can be reopened and completed, as pipeline recovery does after a restart
        try (ReplicaWriter again = store.reopenReplica(2, 1, 2, 1024)) {
            write(again, 1024, Arrays.copyOfRange(data, 1024, 2000));
            again.finalizeReplica();
        }
        assertArrayEquals(data, fx.read(2, 2));
    }

    @Test
    void halfWrittenChunkWithoutChecksumIsDropped() throws HydraException, IOException {
        byte[] data = bytes(1024, 3);
        ReplicaWriter w = fx.store().createReplica(block(3, 1));
        write(w, 0, data);
        Files.write(fx.blockFile(3), bytes(200, 4), StandardOpenOption.APPEND);
        FsReplicaStore store = fx.restart();
        assertEquals(1024, store.replica(3).orElseThrow().numBytes());
        assertArrayEquals(data, fx.read(3, 1));
    }

    @Test
    void tmpAndOrphanFilesAreRemoved() throws HydraException, IOException {
        finalizedReplica(4, 1, bytes(100, 5));
        Path volume = fx.volumeOf(4);
        Path tmpFile = Files.writeString(volume.resolve("tmp").resolve("leftover"), "x");
        Path orphanBlock = Files.write(volume.resolve("being-written").resolve("blk_77"), bytes(10, 6));
        Path orphanChecksum = Files.write(volume.resolve("being-written").resolve("blk_78_1.crc"), bytes(20, 6));
        FsReplicaStore store = fx.restart();
        assertFalse(Files.exists(tmpFile));
        assertFalse(Files.exists(orphanBlock));
        assertFalse(Files.exists(orphanChecksum));
        assertEquals(List.of(4L), store.replicas().stream().map(ReplicaInfo::blockId).toList());
    }

    @Test
    void duplicateReplicaWithNewerStampWinsAndTheOtherIsDeleted() throws HydraException, IOException {
        byte[] data = bytes(900, 7);
        finalizedReplica(5, 1, data);
        Path volume = fx.volumeOf(5);
        Path otherVolume = fx.dirs.stream().filter(d -> !d.equals(volume)).findFirst().orElseThrow();
        Path block = fx.blockFile(5);
        Path checksum = block.resolveSibling("blk_5_1.crc");
        Path copyDir = otherVolume.resolve(volume.relativize(block.getParent()));
        Files.createDirectories(copyDir);
        Files.copy(block, copyDir.resolve("blk_5"));
        Files.copy(checksum, copyDir.resolve("blk_5_2.crc"));
        FsReplicaStore store = fx.restart();
        assertEquals(new ReplicaInfo(5, 2, 900, true, false), store.replica(5).orElseThrow());
        assertFalse(Files.exists(block));
        assertFalse(Files.exists(checksum));
        assertArrayEquals(data, fx.read(5, 2));
    }

    @Test
    void checksumFileLeftBehindByInterruptedFinalizeIsRejoined() throws HydraException, IOException {
        byte[] data = bytes(700, 8);
        finalizedReplica(6, 4, data);
        Path checksum = fx.blockFile(6).resolveSibling("blk_6_4.crc");
        Files.move(checksum, fx.volumeOf(6).resolve("being-written").resolve("blk_6_4.crc"));
        FsReplicaStore store = fx.restart();
        assertEquals(new ReplicaInfo(6, 4, 700, true, false), store.replica(6).orElseThrow());
        assertArrayEquals(data, fx.read(6, 4));
    }

    @Test
    void olderChecksumFilesOfOneReplicaAreDropped() throws HydraException, IOException {
        finalizedReplica(7, 5, bytes(100, 9));
        Path stale = Files.copy(fx.blockFile(7).resolveSibling("blk_7_5.crc"),
                fx.blockFile(7).resolveSibling("blk_7_3.crc"));
        FsReplicaStore store = fx.restart();
        assertEquals(5, store.replica(7).orElseThrow().generationStamp());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fx.blockFile(7).resolveSibling("blk_7_5.crc")));
    }
}
