package io.hydrafs.client.data;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReadPositionsTest {
    @Test
    void readsStartAtTheChunkBoundaryAtOrBelowTheOffset() {
        assertEquals(0, ReadPositions.chunkStart(0));
        assertEquals(0, ReadPositions.chunkStart(511));
        assertEquals(512, ReadPositions.chunkStart(512));
        assertEquals(512, ReadPositions.chunkStart(513));
        assertEquals(511, ReadPositions.skipBytes(511));
        assertEquals(0, ReadPositions.skipBytes(512));
        assertEquals(1, ReadPositions.skipBytes(513));
    }

    @Test
    void firstPacketSkipsTheBytesBeforeTheWantedOffset() throws Exception {
        assertArrayEquals(new int[] {1, 1024}, ReadPositions.usable(512, 1024, 513, 10_000));
    }

    @Test
    void bytesPastTheEndOfTheRangeAreIgnored() throws Exception {
        assertArrayEquals(new int[] {0, 100}, ReadPositions.usable(1024, 512, 1024, 1124));
    }

    @Test
    void aPacketEntirelyBeforeThePositionHoldsNothingNew() throws Exception {
        assertArrayEquals(new int[] {512, 512}, ReadPositions.usable(0, 512, 2048, 4096));
    }

    @Test
    void aPacketStartingPastThePositionIsAGap() {
        HydraException e = assertThrows(HydraException.class, () -> ReadPositions.usable(1024, 512, 512, 4096));
        assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
    }
}
