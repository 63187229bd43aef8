package io.hydrafs.minicluster.data;

import io.hydrafs.client.CreateOptions;
import io.hydrafs.client.FileChecksum;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.zip.CRC32C;

import static io.hydrafs.minicluster.data.DataPathFixture.BLOCK_SIZE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** File checksums: the CRC32C of a file's bytes, composed by the blockstores from stored checksums. */
class FileChecksumTest {
    @RegisterExtension
    static final DataCluster CLUSTER = new DataCluster();
    private final HydraFileSystem fs = CLUSTER.fs();

    private static int crc32c(byte[] data, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, 0, length);
        return (int) crc.getValue();
    }

    @Test
    void aMultiBlockFileHasTheCrc32cOfItsBytes() throws Exception {
        byte[] data = DataPathFixture.bytes(3 * BLOCK_SIZE + 4_321, 11);
        DataPathFixture.write(fs, "/sum/multi", data);

        FileChecksum sum = fs.getFileChecksum("/sum/multi");

        assertEquals(crc32c(data, data.length), sum.crc32c());
        assertEquals(data.length, sum.length());
        assertEquals("COMPOSITE-CRC32C", FileChecksum.ALGORITHM);
    }

    @Test
    void theChecksumDoesNotDependOnBlockSizeButOnEveryByte() throws Exception {
        byte[] data = DataPathFixture.bytes(2 * BLOCK_SIZE + 100, 12);
        DataPathFixture.write(fs, "/sum/big-blocks", data);
        try (HydraOutputStream out = fs.create("/sum/small-blocks", CreateOptions.builder().replication(2)
                .blockSizeBytes(BLOCK_SIZE / 4 + 512).createParent(true).build())) {
            out.write(data);
        }
        data[BLOCK_SIZE + 7] ^= 1;
        DataPathFixture.write(fs, "/sum/one-bit-off", data);

        FileChecksum big = fs.getFileChecksum("/sum/big-blocks");

        assertEquals(big, fs.getFileChecksum("/sum/small-blocks"));
        assertNotEquals(big.crc32c(), fs.getFileChecksum("/sum/one-bit-off").crc32c());
    }

    @Test
    void aPrefixChecksumCoversTheFirstBytesOnly() throws Exception {
        byte[] data = DataPathFixture.bytes(2 * BLOCK_SIZE + 10, 14);
        DataPathFixture.write(fs, "/sum/prefix", data);

        assertEquals(new FileChecksum(crc32c(data, BLOCK_SIZE + 700), BLOCK_SIZE + 700),
                fs.getFileChecksum("/sum/prefix", BLOCK_SIZE + 700));
        assertEquals(new FileChecksum(crc32c(data, data.length), data.length),
                fs.getFileChecksum("/sum/prefix", Long.MAX_VALUE));
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(HydraException.class,
                () -> fs.getFileChecksum("/sum/prefix", -1)).code());
    }

    @Test
    void anEmptyFileHasTheChecksumOfNoBytes() throws Exception {
        DataPathFixture.write(fs, "/sum/empty", new byte[0]);

        assertEquals(new FileChecksum(0, 0), fs.getFileChecksum("/sum/empty"));
    }

    @Test
    void aFileBeingWrittenIsSummedOverTheBytesTheMetaServiceRecorded() throws Exception {
        byte[] data = DataPathFixture.bytes(BLOCK_SIZE + BLOCK_SIZE / 2, 13);
        try (HydraOutputStream out = fs.create("/sum/open", DataPathFixture.options(3))) {
            out.write(data);
            out.hflush();

            FileChecksum sum = fs.getFileChecksum("/sum/open");

            // the first block is complete; the one being written counts once the file is closed, as in HDFS
            assertEquals(new FileChecksum(crc32c(data, BLOCK_SIZE), BLOCK_SIZE), sum);
        }
        assertEquals(crc32c(data, data.length), fs.getFileChecksum("/sum/open").crc32c());
    }

    @Test
    void directoriesAndMissingFilesHaveNoChecksum() throws Exception {
        fs.mkdirs("/sum/dir");

        assertEquals(ErrorCode.IS_A_DIRECTORY, assertThrows(HydraException.class,
                () -> fs.getFileChecksum("/sum/dir")).code());
        assertEquals(ErrorCode.FILE_NOT_FOUND, assertThrows(HydraException.class,
                () -> fs.getFileChecksum("/sum/none")).code());
    }
}
