package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.PacketAck;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The acks a pipeline node owes upstream, in packet arrival order. A packet's ack is ready once
 * both this node's own result (written, or why not) and its downstream's ack are known; it
 * carries this node's code followed by the downstream's codes. Acks leave strictly in the order
 * the packets arrived, so a fast own write never overtakes an earlier packet's slow downstream.
 *
 * <p>Without a downstream the ack is just the own code. Once the downstream is lost, every
 * packet still waiting for it (and every later one) reports CONNECTION_FAILED for index 1: this
 * node cannot speak for the nodes beyond.
 *
 * <p>Plain logic, confined to the connection's event loop (not thread-safe).
 */
final class PacketAcks {
    /** An ack ready to go upstream; {@code last} = it answers the packet ending the block. */
    record Ready(PacketAck ack, boolean last) {
    }

    private static final class Pending {
        final long seqno;
        final boolean last;
        Integer ownCode;
        List<Integer> downstreamCodes;

        Pending(long seqno, boolean last) {
            this.seqno = seqno;
            this.last = last;
        }
    }

    private static final List<Integer> LOST = List.of(ErrorCode.CONNECTION_FAILED.number());

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    /** Forwarded packets whose downstream ack has not come, in forwarding order. */
    private final ArrayDeque<Pending> awaitingDownstream = new ArrayDeque<>();
    private boolean hasDownstream;
    private boolean lostDownstream;

    PacketAcks(boolean hasDownstream) {
        this.hasDownstream = hasDownstream;
    }

    /** Whether packets are still forwarded (there is a downstream and it is not lost). */
    boolean forwarding() {
        return hasDownstream;
    }

    /** A packet arrived (and was forwarded if {@link #forwarding()}). */
    void arrived(long seqno, boolean last) {
        Pending p = new Pending(seqno, last);
        if (hasDownstream) {
            awaitingDownstream.add(p);
        } else {
            p.downstreamCodes = pendingCodesWithoutDownstream();
        }
        pending.add(p);
    }

    private List<Integer> pendingCodesWithoutDownstream() {
        return lostDownstream ? LOST : Collections.emptyList();
    }

    /** This node's result for the oldest packet without one (results come in arrival order). */
    List<Ready> ownResult(int code) {
        for (Pending p : pending) {
            if (p.ownCode == null) {
                p.ownCode = code;
                return drain();
            }
        }
        throw new IllegalStateException("invariant violated: an own result with no packet waiting for one");
    }

    /**
     * The downstream's ack for the oldest forwarded packet.
     *
     * @throws HydraException MALFORMED_REQUEST if it acks a packet that was not next (the
     *                        downstream is broken; the caller treats it as lost)
     */
    List<Ready> downstreamAck(PacketAck ack) throws HydraException {
        Pending p = awaitingDownstream.peek();
        if (p == null || p.seqno != ack.getSeqno()) {
            throw new HydraException(ErrorCode.MALFORMED_REQUEST, "downstream acked seqno " + ack.getSeqno()
                    + " while " + (p == null ? "no packet" : "seqno " + p.seqno) + " was next");
        }
        awaitingDownstream.poll();
        p.downstreamCodes = List.copyOf(ack.getCodesList());
        return drain();
    }

    /** The downstream is gone: packets waiting for it, and all later ones, report it failed. */
    List<Ready> downstreamLost() {
        if (hasDownstream) {
            hasDownstream = false;
            lostDownstream = true;
            for (Pending p : awaitingDownstream) {
                p.downstreamCodes = LOST;
            }
            awaitingDownstream.clear();
        }
        return drain();
    }

    /** Whether every arrived packet has been acked. */
    boolean idle() {
        return pending.isEmpty();
    }

    private List<Ready> drain() {
        List<Ready> ready = new ArrayList<>();
        Iterator<Pending> it = pending.iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (p.ownCode == null || p.downstreamCodes == null) {
                break;
            }
            it.remove();
            PacketAck ack = PacketAck.newBuilder().setSeqno(p.seqno).addCodes(p.ownCode)
                    .addAllCodes(p.downstreamCodes).build();
            ready.add(new Ready(ack, p.last));
        }
        return ready;
    }
}
