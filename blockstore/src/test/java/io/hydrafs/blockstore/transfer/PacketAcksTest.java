package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.PacketAck;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PacketAcksTest {
    private static final int FAILED = ErrorCode.CONNECTION_FAILED.number();

    private static PacketAck downstreamAck(long seqno, Integer... codes) {
        return PacketAck.newBuilder().setSeqno(seqno).addAllCodes(List.of(codes)).build();
    }

    @Test
    void ackWaitsForBothOwnResultAndDownstreamAck() throws Exception {
        PacketAcks acks = new PacketAcks(true);
        acks.arrived(0, false);

        assertTrue(acks.ownResult(0).isEmpty());
        List<PacketAcks.Ready> ready = acks.downstreamAck(downstreamAck(0, 0, 0));

        assertEquals(List.of(0, 0, 0), ready.get(0).ack().getCodesList());
    }

    @Test
    void acksLeaveInArrivalOrderEvenWhenALaterPacketIsDoneFirst() throws Exception {
        PacketAcks acks = new PacketAcks(true);
        acks.arrived(0, false);
        acks.arrived(1, false);
        acks.ownResult(0);
        acks.ownResult(ErrorCode.CHECKSUM_MISMATCH.number());

        assertTrue(acks.downstreamAck(downstreamAck(0)).size() == 1);
        List<PacketAcks.Ready> second = acks.downstreamAck(downstreamAck(1, 0));

        assertEquals(1, second.get(0).ack().getSeqno());
        assertEquals(List.of(ErrorCode.CHECKSUM_MISMATCH.number(), 0), second.get(0).ack().getCodesList());
    }

    @Test
    void lostDownstreamFailsWaitingAndLaterPacketsAtIndexOne() {
        PacketAcks acks = new PacketAcks(true);
        acks.arrived(0, false);
        acks.ownResult(0);

        List<PacketAcks.Ready> waiting = acks.downstreamLost();
        acks.arrived(1, true);
        List<PacketAcks.Ready> later = acks.ownResult(0);

        assertEquals(List.of(0, FAILED), waiting.get(0).ack().getCodesList());
        assertEquals(List.of(0, FAILED), later.get(0).ack().getCodesList());
        assertTrue(later.get(0).last());
        assertTrue(acks.idle());
    }

    @Test
    void withoutDownstreamTheAckIsTheOwnCode() {
        PacketAcks acks = new PacketAcks(false);
        acks.arrived(4, false);

        assertEquals(List.of(7), acks.ownResult(7).get(0).ack().getCodesList());
    }

    @Test
    void downstreamAckOfAnotherSeqnoIsRefused() {
        PacketAcks acks = new PacketAcks(true);
        acks.arrived(0, false);

        HydraException e = assertThrows(HydraException.class, () -> acks.downstreamAck(downstreamAck(1, 0)));

        assertEquals(ErrorCode.MALFORMED_REQUEST, e.code());
    }
}
