package io.hydrafs.protocol.data;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataChecksumsTest {

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    @Test
    void oneBigEndianCrc32cPerChunkWithAShortLastChunk() {
        byte[] data = bytes(2 * 512 + 100);

        ByteBuffer sums = ByteBuffer.wrap(DataChecksums.compute(ByteBuffer.wrap(data)));

        assertEquals(3 * 4, sums.remaining());
        CRC32C crc = new CRC32C();
        crc.update(data, 1024, 100);
        assertEquals((int) crc.getValue(), sums.getInt(8));
    }

    @Test
    void computeLeavesThePositionAlone() {
        ByteBuffer data = ByteBuffer.wrap(bytes(600));

        DataChecksums.compute(data);

        assertEquals(0, data.position());
    }

    @Test
    void matchingChecksumsVerify() {
        ByteBuffer data = ByteBuffer.wrap(bytes(1500));
        ByteBuffer sums = ByteBuffer.wrap(DataChecksums.compute(data));

        assertDoesNotThrow(() -> DataChecksums.verify(data, sums, 4096, "test"));
    }

    @Test
    void flippedByteIsAMismatchNamingItsChunkOffset() {
        byte[] data = bytes(1500);
        ByteBuffer sums = ByteBuffer.wrap(DataChecksums.compute(ByteBuffer.wrap(data)));
        data[1200] ^= 1;

        HydraException e = assertThrows(HydraException.class,
                () -> DataChecksums.verify(ByteBuffer.wrap(data), sums, 4096, "test"));

        assertEquals(ErrorCode.CHECKSUM_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("offset " + (4096 + 1024)), e.getMessage());
    }

    @Test
    void wrongNumberOfChecksumsIsMalformed() {
        ByteBuffer data = ByteBuffer.wrap(bytes(1000));

        HydraException e = assertThrows(HydraException.class,
                () -> DataChecksums.verify(data, ByteBuffer.allocate(4), 0, "test"));

        assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
    }

    @Test
    void chunksRoundUp() {
        assertEquals(0, DataChecksums.chunks(0));
        assertEquals(1, DataChecksums.chunks(1));
        assertEquals(1, DataChecksums.chunks(512));
        assertEquals(2, DataChecksums.chunks(513));
    }
}
