package io.hydrafs.minicluster.data;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileChecksum;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraInputStream;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
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

/** concat on a running cluster: the joined file reads, checksums and replicates as one file. */
class FileConcatTest {
    @RegisterExtension
    static final DataCluster CLUSTER = new DataCluster();
    private final HydraFileSystem fs = CLUSTER.fs();

    private static byte[] joined(byte[]... parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p);
        }
        return out.toByteArray();
    }

    private void write(String path, byte[] data, int replication) throws Exception {
        try (HydraOutputStream out = fs.create(path, DataPathFixture.options(replication))) {
            out.write(data);
        }
    }

    @Test
    void theJoinedFileReadsAsTheTargetsBytesThenEachSourcesInOrder() throws Exception {
        byte[] t = DataPathFixture.bytes(BLOCK_SIZE + BLOCK_SIZE / 2, 31);
        byte[] s1 = DataPathFixture.bytes(2 * BLOCK_SIZE + 1_000, 32);
        byte[] s2 = DataPathFixture.bytes(3_333, 33);
        DataPathFixture.write(fs, "/concat/a/t", t);
        DataPathFixture.write(fs, "/concat/a/s1", s1);
        DataPathFixture.write(fs, "/concat/a/s2", s2);

        fs.concat("/concat/a/t", List.of("/concat/a/s1", "/concat/a/s2"));

        byte[] all = joined(t, s1, s2);
        assertArrayEquals(all, DataPathFixture.read(fs, "/concat/a/t"));
        assertEquals(all.length, fs.getFileStatus("/concat/a/t").length());
        assertFalse(fs.exists("/concat/a/s1"));
        assertFalse(fs.exists("/concat/a/s2"));
        // a read across the partial block that ends the target's bytes
        int from = t.length - 100;
        byte[] across = new byte[300];
        try (HydraInputStream in = fs.open("/concat/a/t")) {
            in.readFully(from, across);
        }
        assertArrayEquals(Arrays.copyOfRange(all, from, from + 300), across);
    }

    @Test
    void theJoinedFilesChecksumIsTheCrc32cOfAllItsBytes() throws Exception {
        byte[] t = DataPathFixture.bytes(700, 34);
        byte[] s = DataPathFixture.bytes(BLOCK_SIZE + 5, 35);
        DataPathFixture.write(fs, "/concat/b/t", t);
        DataPathFixture.write(fs, "/concat/b/s", s);

        fs.concat("/concat/b/t", List.of("/concat/b/s"));

        byte[] all = joined(t, s);
        CRC32C crc = new CRC32C();
        crc.update(all);
        assertEquals(new FileChecksum((int) crc.getValue(), all.length), fs.getFileChecksum("/concat/b/t"));
    }

    @Test
    void theMovedBlocksAreCopiedUpToTheTargetsReplication() throws Exception {
        byte[] t = DataPathFixture.bytes(1_000, 36);
        byte[] s = DataPathFixture.bytes(BLOCK_SIZE + 2_000, 37);
        write("/concat/c/t", t, 3);
        write("/concat/c/s", s, 1);

        fs.concat("/concat/c/t", List.of("/concat/c/s"));

        await().atMost(Duration.ofSeconds(60)).until(() -> DataPathFixture.replicatedExactly(fs, "/concat/c/t", 3));
        assertArrayEquals(joined(t, s), DataPathFixture.read(fs, "/concat/c/t"));
    }

    @Test
    void aRefusedConcatLeavesEveryFileAsItWas() throws Exception {
        byte[] t = DataPathFixture.bytes(900, 38);
        byte[] s = DataPathFixture.bytes(900, 39);
        DataPathFixture.write(fs, "/concat/d/t", t);
        DataPathFixture.write(fs, "/concat/d/s", s);
        try (HydraOutputStream open = fs.create("/concat/d/open", CreateOptions.builder().build())) {
            open.write(1);
            HydraException e = assertThrows(HydraException.class,
                    () -> fs.concat("/concat/d/t", List.of("/concat/d/s", "/concat/d/open")));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        }

        assertArrayEquals(t, DataPathFixture.read(fs, "/concat/d/t"));
        assertArrayEquals(s, DataPathFixture.read(fs, "/concat/d/s"));
    }
}
