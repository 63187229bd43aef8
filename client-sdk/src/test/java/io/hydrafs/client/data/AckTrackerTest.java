package io.hydrafs.client.data;

import io.hydrafs.protocol.data.PacketAck;
import io.hydrafs.protocol.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AckTrackerTest {
    private static WritePacket packet(long seqno, long offset, int length) {
        return new WritePacket(seqno, offset, new byte[length], new byte[0], false, false);
    }

    private static PacketAck ack(long seqno, ErrorCode... codes) {
        PacketAck.Builder b = PacketAck.newBuilder().setSeqno(seqno);
        for (ErrorCode c : codes) {
            b.addCodes(c == null ? 0 : c.number());
        }
        return b.build();
    }

    private static AckTracker trackerWith(int packets) {
        AckTracker t = new AckTracker(0, 2);
        for (int i = 0; i < packets; i++) {
            t.sent(packet(i, i * 1000L, 1000));
        }
        return t;
    }

    @Test
    void acksInOrderRemovePacketsAndAdvanceAckedBytesToThePacketEnd() {
        AckTracker t = trackerWith(3);

        assertEquals(AckTracker.Kind.ACKED, t.onAck(ack(0, null, null), 2).kind());
        assertEquals(AckTracker.Kind.ACKED, t.onAck(ack(1, null, null), 2).kind());

        assertEquals(2000, t.ackedBytes());
        assertEquals(1, t.unackedCount());
    }

    @Test
    void firstNonZeroCodeNamesTheFailedNode() {
        AckTracker t = trackerWith(2);

        AckTracker.Outcome o = t.onAck(ack(0, null, ErrorCode.CONNECTION_FAILED, ErrorCode.DISK_FULL), 3);

        assertEquals(AckTracker.Kind.FAILED, o.kind());
        assertEquals(1, o.failedIndex());
        assertEquals(ErrorCode.CONNECTION_FAILED, o.code());
        assertEquals(2, t.unackedCount(), "the packet stays unacked");
    }

    @Test
    void ackForAnUnexpectedSeqnoBlamesTheFirstNode() {
        AckTracker t = trackerWith(2);

        AckTracker.Outcome o = t.onAck(ack(1, (ErrorCode) null), 1);

        assertEquals(AckTracker.Kind.FAILED, o.kind());
        assertEquals(0, o.failedIndex());
    }

    @Test
    void missingCodesMeanTheNodesBelowAreLost() {
        AckTracker t = trackerWith(1);

        AckTracker.Outcome o = t.onAck(ack(0, (ErrorCode) null), 3);

        assertEquals(1, o.failedIndex());
    }

    @Test
    void checksumMismatchResendsEveryUnackedPacketAndSkipsTheAnswersAlreadyInFlight() {
        AckTracker t = trackerWith(3);

        AckTracker.Outcome o = t.onAck(ack(0, ErrorCode.CHECKSUM_MISMATCH), 1);

        assertEquals(AckTracker.Kind.RESEND, o.kind());
        assertEquals(List.of(0L, 1L, 2L), o.resend().stream().map(WritePacket::seqno).toList());
        assertEquals(AckTracker.Kind.SKIPPED, t.onAck(ack(1, ErrorCode.INVALID_ARGUMENT), 1).kind());
        assertEquals(AckTracker.Kind.SKIPPED, t.onAck(ack(2, ErrorCode.INVALID_ARGUMENT), 1).kind());
        assertEquals(AckTracker.Kind.ACKED, t.onAck(ack(0, (ErrorCode) null), 1).kind());
        assertEquals(1000, t.ackedBytes());
    }

    @Test
    void aPacketDamagedMoreThanTheResendBudgetFailsItsNode() {
        AckTracker t = trackerWith(1);
        t.onAck(ack(0, null, ErrorCode.CHECKSUM_MISMATCH), 2);
        t.onAck(ack(0, null, ErrorCode.CHECKSUM_MISMATCH), 2);

        AckTracker.Outcome o = t.onAck(ack(0, null, ErrorCode.CHECKSUM_MISMATCH), 2);

        assertEquals(AckTracker.Kind.FAILED, o.kind());
        assertEquals(1, o.failedIndex());
        assertEquals(ErrorCode.CHECKSUM_MISMATCH, o.code());
    }

    @Test
    void aNewConnectionForgetsAnswersInFlightOnTheOldOne() {
        AckTracker t = trackerWith(3);
        t.onAck(ack(0, ErrorCode.CHECKSUM_MISMATCH), 1);

        t.newConnection();

        assertEquals(AckTracker.Kind.ACKED, t.onAck(ack(0, (ErrorCode) null), 1).kind());
    }

    @Test
    void anAppendedBlockStartsWithItsExistingBytesAcked() {
        assertEquals(5000, new AckTracker(5000, 1).ackedBytes());
    }
}
