package io.hydrafs.minicluster.data;

import io.hydrafs.client.FileChecksum;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.LocatedBlockProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;

import static io.hydrafs.minicluster.data.DataPathFixture.BLOCK_SIZE;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** truncate on a running cluster: the blockstores cut the last block, the file reads as its prefix. */
class FileTruncateTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    @RegisterExtension
    static final DataCluster CLUSTER = new DataCluster();
    private final HydraFileSystem fs = CLUSTER.fs();

    private static int crc32c(byte[] data) {
        CRC32C crc = new CRC32C();
        crc.update(data);
        return (int) crc.getValue();
    }

    @Test
    void atABlockBoundaryItIsDoneAtOnceAndTheLaterBlocksAreDeleted() throws Exception {
        byte[] data = DataPathFixture.bytes(2 * BLOCK_SIZE + 777, 51);
        DataPathFixture.write(fs, "/trunc/boundary", data);
        List<Long> dropped = DataPathFixture.blocks(fs, "/trunc/boundary").stream().skip(1)
                .map(b -> b.getBlock().getBlockId()).toList();

        assertTrue(fs.truncate("/trunc/boundary", BLOCK_SIZE));

        assertArrayEquals(Arrays.copyOf(data, BLOCK_SIZE), DataPathFixture.read(fs, "/trunc/boundary"));
        await().atMost(LONG).until(() -> dropped.stream().allMatch(id -> DataPathFixture.blockFiles(CLUSTER.cluster(), id).isEmpty()));
    }

    @Test
    void insideABlockTheReplicasAreCutAndTheFileClosesWithThePrefix() throws Exception {
        byte[] data = DataPathFixture.bytes(2 * BLOCK_SIZE + 5_000, 52);
        DataPathFixture.write(fs, "/trunc/inside", data);
        int newLength = BLOCK_SIZE + 1_234;  // inside a chunk, too

        assertFalse(fs.truncate("/trunc/inside", newLength), "the cut block needs a recovery");
        assertEquals(newLength, fs.getFileStatus("/trunc/inside").length());
        await().atMost(LONG).until(() -> fs.isClosed("/trunc/inside"));

        byte[] prefix = Arrays.copyOf(data, newLength);
        assertArrayEquals(prefix, DataPathFixture.read(fs, "/trunc/inside"));
        assertEquals(new FileChecksum(crc32c(prefix), newLength), fs.getFileChecksum("/trunc/inside"));
        LocatedBlockProto last = DataPathFixture.blocks(fs, "/trunc/inside").get(1);
        assertEquals(1_234, last.getBlock().getNumBytes());
        await().atMost(LONG).until(() -> DataPathFixture.replicatedExactly(fs, "/trunc/inside", 3));
        List<java.nio.file.Path> files = DataPathFixture.blockFiles(CLUSTER.cluster(), last.getBlock().getBlockId());
        assertEquals(3, files.size(), files.toString());
        for (java.nio.file.Path f : files) {
            assertEquals(1_234, java.nio.file.Files.size(f), "the replica on disk is cut: " + f);
        }
    }

    @Test
    void aTruncatedFileCanBeAppendedTo() throws Exception {
        byte[] data = DataPathFixture.bytes(BLOCK_SIZE / 2, 53);
        DataPathFixture.write(fs, "/trunc/append", data);
        fs.truncate("/trunc/append", 1_000);
        await().atMost(LONG).until(() -> fs.isClosed("/trunc/append"));

        byte[] more = DataPathFixture.bytes(3_000, 54);
        try (HydraOutputStream out = fs.append("/trunc/append")) {
            out.write(more);
        }

        byte[] expected = Arrays.copyOf(data, 1_000 + more.length);
        System.arraycopy(more, 0, expected, 1_000, more.length);
        assertArrayEquals(expected, DataPathFixture.read(fs, "/trunc/append"));
    }

    @Test
    void growingAFileIsRefusedAndChangesNothing() throws Exception {
        byte[] data = DataPathFixture.bytes(2_000, 55);
        DataPathFixture.write(fs, "/trunc/grow", data);

        HydraException e = assertThrows(HydraException.class, () -> fs.truncate("/trunc/grow", 2_001));

        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertArrayEquals(data, DataPathFixture.read(fs, "/trunc/grow"));
    }
}
