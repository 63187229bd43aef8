package io.hydrafs.client.data;

import io.hydrafs.protocol.data.PacketAck;
import io.hydrafs.protocol.error.ErrorCode;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ack bookkeeping of one block write (pure logic, no I/O, not thread-safe: its owner
 * locks). Packets are remembered from when they are sent until every pipeline node acked them;
 * acks come in seqno order, so each ack answers the oldest unacked packet.
 *
 * <p>Acked bytes only grow and always end at a packet's end: the first unacked packet starts at
 * or before them (it may re-cover the partial chunk the acked packet ended in), so after a
 * recovery that truncates replicas to the acked bytes, resending the unacked packets as they are
 * leaves no gap.
 *
 * <p>CHECKSUM_MISMATCH (bytes damaged on the way): the packet was not written, so every packet
 * sent after it cannot be written either. Every unacked packet is sent again at once, and the
 * answers to the copies already in flight are skipped: they precede the answers to the resent
 * ones (one connection, in order). A packet damaged {@code maxResends} times fails the node.
 */
final class AckTracker {
    /** What an ack means to the writer. */
    enum Kind { ACKED, SKIPPED, RESEND, FAILED }

    /**
     * @param resend      RESEND: the packets to send again, in order
     * @param failedIndex FAILED: the pipeline node to blame (0 = the first)
     */
    record Outcome(Kind kind, List<WritePacket> resend, int failedIndex, ErrorCode code, String message) {
        static final Outcome ACKED = new Outcome(Kind.ACKED, List.of(), -1, null, "");
        static final Outcome SKIPPED = new Outcome(Kind.SKIPPED, List.of(), -1, null, "");

        static Outcome failed(int index, ErrorCode code, String message) {
            return new Outcome(Kind.FAILED, List.of(), index, code, message);
        }
    }

    private final ArrayDeque<WritePacket> unacked = new ArrayDeque<>();
    private final Map<Long, Integer> mismatches = new HashMap<>();
    private final int maxResends;
    private long ackedBytes;
    private int staleAcks;

    /** {@code ackedBytes}: what the replicas already hold (0 for a new block, its length for an append). */
    AckTracker(long ackedBytes, int maxResends) {
        this.ackedBytes = ackedBytes;
        this.maxResends = maxResends;
    }

    void sent(WritePacket packet) {
        unacked.addLast(packet);
    }

    int unackedCount() {
        return unacked.size();
    }

    /** Packets sent and not yet acked, oldest first. */
    List<WritePacket> unacked() {
        return List.copyOf(unacked);
    }

    /** Bytes of the block every pipeline node has acknowledged. */
    long ackedBytes() {
        return ackedBytes;
    }

    /** A new connection: nothing of the old one is in flight any more. */
    void newConnection() {
        staleAcks = 0;
    }

    /** The block was replaced by a new, empty one: the unacked packets (all of them) go to it. */
    void restartBlock() {
        ackedBytes = 0;
        staleAcks = 0;
    }

    /** Accounts for one ack from a pipeline of {@code pipelineSize} nodes. */
    Outcome onAck(PacketAck ack, int pipelineSize) {
        if (staleAcks > 0) {
            staleAcks--;
            return Outcome.SKIPPED;
        }
        WritePacket head = unacked.peekFirst();
        if (head == null || head.seqno() != ack.getSeqno()) {
            return Outcome.failed(0, ErrorCode.MALFORMED_REQUEST, "ack for seqno " + ack.getSeqno()
                    + " while expecting " + (head == null ? "none" : String.valueOf(head.seqno())));
        }
        for (int i = 0; i < pipelineSize; i++) {
            if (i >= ack.getCodesCount()) {
                return Outcome.failed(i, ErrorCode.CONNECTION_FAILED, "ack for " + head + " has no code for node " + i);
            }
            int number = ack.getCodes(i);
            if (number == 0) {
                continue;
            }
            ErrorCode code = ErrorCode.fromNumber(number);
            if (code == ErrorCode.CHECKSUM_MISMATCH) {
                int times = mismatches.merge(head.seqno(), 1, Integer::sum);
                if (times <= maxResends) {
                    staleAcks = unacked.size() - 1;
                    return new Outcome(Kind.RESEND, List.copyOf(unacked), i, code, "");
                }
                return Outcome.failed(i, code, head + " arrived damaged at node " + i + " " + times + " times");
            }
            return Outcome.failed(i, code, "node " + i + " answered " + code + " for " + head);
        }
        unacked.removeFirst();
        ackedBytes = Math.max(ackedBytes, head.end());
        return Outcome.ACKED;
    }
}
