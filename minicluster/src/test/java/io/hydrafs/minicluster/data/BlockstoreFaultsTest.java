package io.hydrafs.minicluster.data;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.minicluster.MiniCluster;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static io.hydrafs.minicluster.data.DataPathFixture.BLOCK_SIZE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data path's promises when blockstores, replicas and meta nodes fail. */
class BlockstoreFaultsTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private MiniCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static int indexOf(String blockstoreId) {
        return Integer.parseInt(blockstoreId.substring(1)); // MiniCluster names blockstore i "b<i>"
    }

    @Test
    void aFileChecksumComesFromAnotherReplicaWhenTheFirstBlockstoreIsDown() throws Exception {
        cluster = DataPathFixture.cluster(3).config("hydra.meta.blockstore.dead.timeout.ms", "60000").start();
        HydraFileSystem fs = cluster.newClient();
        byte[] data = DataPathFixture.bytes(2 * BLOCK_SIZE + 99, 22);
        String path = "/faults/checksum";
        DataPathFixture.write(fs, path, data);
        java.util.zip.CRC32C expected = new java.util.zip.CRC32C();
        expected.update(data);

        // still listed (not yet dead): the client must try it and go on to the next replica
        cluster.stopBlockstore(indexOf(DataPathFixture.blocks(fs, path).get(0).getLocations(0).getId()));

        assertEquals((int) expected.getValue(), fs.getFileChecksum(path).crc32c());
    }

    @Test
    void aBlockstoreKilledMidWriteIsDroppedAndTheFileStaysWhole() throws Exception {
        cluster = DataPathFixture.cluster(4).start();
        HydraFileSystem fs = cluster.newClient();
        byte[] data = DataPathFixture.bytes(3 * BLOCK_SIZE + 1_000, 21);
        String path = "/faults/kill-bs";

        try (HydraOutputStream out = fs.create(path, DataPathFixture.options(3))) {
            out.write(data, 0, BLOCK_SIZE + BLOCK_SIZE / 2);
            out.hflush();
            List<LocatedBlockProto> blocks = DataPathFixture.blocks(fs, path);
            String victim = blocks.get(blocks.size() - 1).getTargets(1);
            cluster.stopBlockstore(indexOf(victim));
            out.write(data, BLOCK_SIZE + BLOCK_SIZE / 2, data.length - (BLOCK_SIZE + BLOCK_SIZE / 2));
        }

        assertArrayEquals(data, DataPathFixture.read(fs, path));
        await().atMost(LONG).until(() -> DataPathFixture.replicatedExactly(fs, path, 3));
    }

    @Test
    void writersSteerAroundABlockstoreThatIsDownButNotYetDeclaredDead() throws Exception {
        cluster = DataPathFixture.cluster(3).config("hydra.meta.blockstore.dead.timeout.ms", "60000").start();
        HydraFileSystem fs = cluster.newClient();
        cluster.stopBlockstore(1); // the leader still counts it live and puts it in pipelines

        // Its downstream neighbour reports it unreachable; blaming that neighbour instead would
        // exclude live blockstores until none was left for some of these files.
        for (int i = 0; i < 10; i++) {
            byte[] data = DataPathFixture.bytes(BLOCK_SIZE / 2, 40 + i);
            String path = "/faults/around-down/f" + i;
            try (HydraOutputStream out = fs.create(path, DataPathFixture.options(3))) {
                out.write(data);
            }
            assertArrayEquals(data, DataPathFixture.read(fs, path));
        }
    }

    @Test
    void aCorruptReplicaIsReadAroundReportedAndReplaced() throws Exception {
        cluster = DataPathFixture.cluster(3).start();
        HydraFileSystem fs = cluster.newClient();
        byte[] data = DataPathFixture.bytes(BLOCK_SIZE / 2, 22);
        String path = "/faults/corrupt";
        DataPathFixture.write(fs, path, data);
        LocatedBlockProto block = DataPathFixture.blocks(fs, path).get(0);
        long blockId = block.getBlock().getBlockId();
        // corrupt the replica of the blockstore a reader "runs on": it is tried first
        String victim = block.getTargets(0);
        Path first = DataPathFixture.blockFiles(cluster, blockId).stream()
                .filter(p -> p.toString().contains("/" + victim + "/")).findFirst().orElseThrow();
        flipByte(first, 1_000);
        HydraFileSystem reader = HydraFileSystem.connect(ClientOptions.builder()
                .metaAddresses(List.of(cluster.metaAddresses().split(","))).clientNode(victim).build());

        try {
            assertArrayEquals(data, DataPathFixture.read(reader, path));
        } finally {
            reader.close();
        }

        await().atMost(LONG).until(() -> {
            List<Path> files = DataPathFixture.blockFiles(cluster, blockId);
            return files.size() == 3 && files.stream().allMatch(p -> Arrays.equals(readQuietly(p), data));
        });
    }

    @Test
    void aStoppedBlockstoresBlocksAreReReplicatedAndTrimmedWhenItReturns() throws Exception {
        cluster = DataPathFixture.cluster(4).start();
        HydraFileSystem fs = cluster.newClient();
        String path = "/faults/stopped";
        DataPathFixture.write(fs, path, DataPathFixture.bytes(2 * BLOCK_SIZE, 23));
        long blockId = DataPathFixture.blocks(fs, path).get(0).getBlock().getBlockId();
        int victim = indexOf(DataPathFixture.blocks(fs, path).get(0).getTargets(0));

        cluster.stopBlockstore(victim);
        await().atMost(LONG).until(() -> DataPathFixture.replicatedExactly(fs, path, 3)
                && DataPathFixture.blocks(fs, path).stream().noneMatch(b -> b.getTargetsList().contains("b" + victim)));

        cluster.startBlockstore(victim);
        await().atMost(LONG).until(() -> DataPathFixture.blockFiles(cluster, blockId).size() == 3
                && DataPathFixture.replicatedExactly(fs, path, 3));
    }

    @Test
    void aWriteSurvivesTheMetaLeadersDeath() throws Exception {
        cluster = DataPathFixture.cluster(3).start();
        HydraFileSystem fs = cluster.newClient();
        byte[] data = DataPathFixture.bytes(3 * BLOCK_SIZE, 24);
        String path = "/faults/meta-leader";

        try (HydraOutputStream out = fs.create(path, DataPathFixture.options(3))) {
            out.write(data, 0, BLOCK_SIZE / 2);
            cluster.stopMeta(cluster.leaderIndex());
            out.write(data, BLOCK_SIZE / 2, data.length - BLOCK_SIZE / 2);
        }

        assertArrayEquals(data, DataPathFixture.read(fs, path));
    }

    @Test
    void aTruncateWhoseRecoveryDiedWithTheMetaLeaderIsFinishedByTheNextLeader() throws Exception {
        cluster = DataPathFixture.cluster(3).start();
        HydraFileSystem fs = cluster.newClient();
        String path = "/faults/truncated";
        byte[] data = DataPathFixture.bytes(BLOCK_SIZE, 27);
        DataPathFixture.write(fs, path, data);
        for (int i = 0; i < 3; i++) {
            cluster.stopBlockstore(i);      // the leader's recovery order waits for them, in its memory only
        }

        assertFalse(fs.truncate(path, 1_000));
        cluster.stopMeta(cluster.leaderIndex());
        for (int i = 0; i < 3; i++) {
            cluster.startBlockstore(i);
        }

        // well within the hard limit (20 minutes) after which a stalled recovery is retried
        await().atMost(LONG).until(() -> fs.isClosed(path));
        assertArrayEquals(Arrays.copyOf(data, 1_000), DataPathFixture.read(fs, path));
    }

    @Test
    void deletingAFileRemovesItsBlockFilesFromDisk() throws Exception {
        cluster = DataPathFixture.cluster(3).start();
        HydraFileSystem fs = cluster.newClient();
        String path = "/faults/deleted";
        DataPathFixture.write(fs, path, DataPathFixture.bytes(2 * BLOCK_SIZE, 25));
        List<Long> ids = DataPathFixture.blocks(fs, path).stream().map(b -> b.getBlock().getBlockId()).toList();
        assertTrue(ids.stream().allMatch(id -> DataPathFixture.blockFiles(cluster, id).size() == 3));

        fs.delete(path, false);

        await().atMost(LONG).until(() -> ids.stream().allMatch(id -> DataPathFixture.blockFiles(cluster, id).isEmpty()));
    }

    @Test
    void aFileWhoseReplicasAreAllGoneFailsWithBlockMissing() throws Exception {
        cluster = DataPathFixture.cluster(3).start();
        HydraFileSystem fs = cluster.newClient();
        String path = "/faults/missing";
        DataPathFixture.write(fs, path, DataPathFixture.bytes(1_000, 26));
        long blockId = DataPathFixture.blocks(fs, path).get(0).getBlock().getBlockId();
        for (int i = 0; i < 3; i++) {
            cluster.stopBlockstore(i);
        }

        HydraException e = assertThrows(HydraException.class, () -> DataPathFixture.read(fs, path));
        assertEquals(ErrorCode.BLOCK_MISSING, e.code());
        assertTrue(e.getMessage().contains(String.valueOf(blockId)), e.getMessage());
    }

    @Test
    void leaseRecoveryClosesAnAbandonedFileAtTheLengthItsReplicasHold() throws Exception {
        cluster = DataPathFixture.cluster(3).start();
        HydraFileSystem writer = cluster.newClient();
        HydraFileSystem other = cluster.newClient();
        byte[] data = DataPathFixture.bytes(BLOCK_SIZE + 3_000, 27);
        String path = "/faults/abandoned";
        HydraOutputStream out = writer.create(path, DataPathFixture.options(3));
        out.write(data);
        out.hflush();
        // the writer goes silent without closing: its stream is never closed

        boolean closedAtOnce = other.recoverLease(path);

        assertFalse(closedAtOnce, "the last block holds bytes: block recovery must run first");
        await().atMost(LONG).until(() -> !other.getFileStatus(path).underConstruction());
        assertArrayEquals(data, DataPathFixture.read(other, path));
        assertThrows(HydraException.class, () -> {
            out.write(1);
            out.close();
        }, "the old writer lost its lease and its pipeline");
    }

    @Test
    void aWriterThatStopsRenewingLosesItsLeaseAndItsFileIsRecoveredWithEveryFlushedByte() throws Exception {
        cluster = DataPathFixture.cluster(3).config("hydra.meta.lease.hard.limit.ms", "1500").start();
        byte[] data = DataPathFixture.bytes(BLOCK_SIZE / 2 + 77, 28);
        String path = "/faults/expired";
        // a writer whose renewals never come: as if its process had died after hflush
        HydraFileSystem writer = HydraFileSystem.connect(ClientOptions.builder()
                .metaAddresses(List.of(cluster.metaAddresses().split(",")))
                .leaseRenewIntervalMs(3_600_000).build());
        try {
            HydraOutputStream out = writer.create(path, DataPathFixture.options(3));
            out.write(data);
            out.hflush();

            HydraFileSystem reader = cluster.newClient();
            await().atMost(LONG).until(() -> !reader.getFileStatus(path).underConstruction());
            assertArrayEquals(data, DataPathFixture.read(reader, path));
        } finally {
            writer.close();
        }
    }

    private static void flipByte(Path file, int at) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[at] ^= 0x5a;
        Files.write(file, b);
    }

    private static byte[] readQuietly(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
