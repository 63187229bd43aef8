package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.PacketAck;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FrameQueueTest {

    private static DataFrame ackWithPayload(long seqno) {
        DataHeader header = DataHeader.newBuilder().setAck(PacketAck.newBuilder().setSeqno(seqno)).build();
        return new DataFrame(header, Unpooled.buffer(16).writeZero(16));
    }

    @Test
    void takeReturnsFramesInArrivalOrderAndReleasesTheirPayloads() throws Exception {
        FrameQueue queue = new FrameQueue();
        DataFrame first = ackWithPayload(1);
        DataFrame second = ackWithPayload(2);
        queue.frame(first);
        queue.frame(second);

        assertEquals(1, queue.take("ack", 1_000).getAck().getSeqno());
        assertEquals(2, queue.take("ack", 1_000).getAck().getSeqno());

        assertEquals(0, first.refCnt());
        assertEquals(0, second.refCnt());
    }

    @Test
    void afterTheConnectionEndsEveryTakeFailsWithItsCause() {
        FrameQueue queue = new FrameQueue();
        queue.closed(new HydraException(ErrorCode.CONNECTION_FAILED, "peer went away"));

        for (int i = 0; i < 2; i++) {
            HydraException e = assertThrows(HydraException.class, () -> queue.take("ack", 1_000));
            assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
        }
    }

    @Test
    void drainReleasesQueuedFramesAndFramesThatArriveLater() {
        FrameQueue queue = new FrameQueue();
        DataFrame queued = ackWithPayload(1);
        DataFrame late = ackWithPayload(2);
        queue.frame(queued);

        queue.drain();
        queue.frame(late); // arrives between the user giving up and the connection closing

        assertEquals(0, queued.refCnt());
        assertEquals(0, late.refCnt());
    }

    @Test
    void takeTimesOutWhenNothingArrives() {
        FrameQueue queue = new FrameQueue();

        HydraException e = assertThrows(HydraException.class, () -> queue.take("ack", 10));

        assertEquals(ErrorCode.TIMEOUT, e.code());
    }
}
