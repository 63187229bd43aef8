package io.hydrafs.minicluster.data;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;

import static io.hydrafs.minicluster.data.DataPathFixture.BLOCK_SIZE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Files of every awkward size written through the pipeline and read back, byte for byte. */
class FileRoundTripTest {
    @RegisterExtension
    static final DataCluster CLUSTER = new DataCluster();
    private final HydraFileSystem fs = CLUSTER.fs();

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 511, 512, 513, 65_536, 65_537, BLOCK_SIZE, BLOCK_SIZE + 1, 3 * BLOCK_SIZE + 4_321})
    void aFileReadsBackAsWritten(int size) throws Exception {
        String path = "/rt/f" + size;
        byte[] data = DataPathFixture.bytes(size, size);

        DataPathFixture.write(fs, path, data);

        FileStatus st = fs.getFileStatus(path);
        assertEquals(size, st.length());
        assertArrayEquals(data, DataPathFixture.read(fs, path));
        int blocks = (size + BLOCK_SIZE - 1) / BLOCK_SIZE;
        assertEquals(blocks, DataPathFixture.blocks(fs, path).size());
    }

    @Test
    void everyBlockHasThreeReplicasOnDistinctBlockstores() throws Exception {
        String path = "/rt/replicas";
        DataPathFixture.write(fs, path, DataPathFixture.bytes(2 * BLOCK_SIZE, 7));

        for (var block : DataPathFixture.blocks(fs, path)) {
            assertEquals(3, block.getTargetsList().stream().distinct().count());
            assertEquals(3, DataPathFixture.blockFiles(CLUSTER.cluster(), block.getBlock().getBlockId()).size());
        }
    }

    @Test
    void seeksAndPositionalReadsReturnTheRightBytes() throws Exception {
        String path = "/rt/seek";
        byte[] data = DataPathFixture.bytes(2 * BLOCK_SIZE + 100, 11);
        DataPathFixture.write(fs, path, data);

        try (var in = fs.open(path)) {
            for (long pos : new long[]{0, 511, 512, 513, BLOCK_SIZE - 1, BLOCK_SIZE, 2L * BLOCK_SIZE + 99}) {
                in.seek(pos);
                assertEquals(data[(int) pos] & 0xff, in.read(), "byte at " + pos);
            }
            byte[] buf = new byte[1000];
            in.readFully(BLOCK_SIZE - 500, buf, 0, buf.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(data, BLOCK_SIZE - 500, BLOCK_SIZE + 500), buf);
            in.seek(data.length);
            assertEquals(-1, in.read(), "end of file");
        }
    }

    @Test
    void hflushedBytesAreVisibleToANewReaderBeforeClose() throws Exception {
        String path = "/rt/hflush";
        byte[] data = DataPathFixture.bytes(70_000, 3);
        try (var out = fs.create(path, DataPathFixture.options(3))) {
            out.write(data, 0, 1_000);
            out.hflush();
            try (InputStream in = fs.open(path)) {
                assertArrayEquals(java.util.Arrays.copyOf(data, 1_000), in.readAllBytes());
            }
            out.write(data, 1_000, data.length - 1_000);
        }
        assertArrayEquals(data, DataPathFixture.read(fs, path));
    }

    @Test
    void appendAddsToAClosedFile() throws Exception {
        String path = "/rt/append";
        byte[] first = DataPathFixture.bytes(BLOCK_SIZE + 700, 5);
        byte[] second = DataPathFixture.bytes(BLOCK_SIZE, 6);
        DataPathFixture.write(fs, path, first);

        try (var out = fs.append(path)) {
            out.write(second);
        }

        byte[] expected = new byte[first.length + second.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(second, 0, expected, first.length, second.length);
        assertArrayEquals(expected, DataPathFixture.read(fs, path));
    }
}
