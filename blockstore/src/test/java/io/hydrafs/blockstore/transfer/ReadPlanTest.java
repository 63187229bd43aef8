package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReadPlanTest {

    @Test
    void rangeIsWidenedToWholeChunksWithinTheReplica() throws Exception {
        ReadPlan plan = ReadPlan.of(1000, 100, 5000);

        assertEquals(512, plan.chunkOffset());
        assertEquals(1536, plan.end());
    }

    @Test
    void lastChunkIsCutAtTheReplicaEnd() throws Exception {
        assertEquals(1100, ReadPlan.of(1000, 100, 1100).end());
    }

    @Test
    void zeroLengthMeansToTheEnd() throws Exception {
        int packet = DataChecksums.PACKET_DATA_BYTES;
        ReadPlan plan = ReadPlan.of(0, 0, 3 * packet + 3_392);

        assertEquals(3 * packet + 3_392, plan.end());
        assertEquals(packet, plan.packetBytes(0));
        assertEquals(3_392, plan.packetBytes(3 * packet));
    }

    @Test
    void rangeBeyondTheReplicaIsEndOfFile() {
        assertEquals(ErrorCode.END_OF_FILE, assertThrows(HydraException.class, () -> ReadPlan.of(10, 100, 50)).code());
        assertEquals(ErrorCode.END_OF_FILE, assertThrows(HydraException.class, () -> ReadPlan.of(51, 0, 50)).code());
    }
}
