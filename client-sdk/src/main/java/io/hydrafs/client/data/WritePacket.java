package io.hydrafs.client.data;

import com.google.protobuf.ByteString;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.Packet;
import io.netty.buffer.Unpooled;

/**
 * One packet of a block write as the writer keeps it until the whole pipeline acked it: the
 * data is kept (not a Netty buffer) so that the packet can be sent again after a checksum
 * mismatch or a pipeline recovery.
 *
 * @param offsetInBlock a chunk boundary; for the empty last packet the block's final length
 */
record WritePacket(long seqno, long offsetInBlock, byte[] data, byte[] checksums, boolean last, boolean sync) {

    /** Block offset just past this packet's data. */
    long end() {
        return offsetInBlock + data.length;
    }

    /** A fresh frame of this packet (each send needs its own: the payload is released once written). */
    DataFrame toFrame() {
        Packet header = Packet.newBuilder().setSeqno(seqno).setOffsetInBlock(offsetInBlock)
                .setChecksums(ByteString.copyFrom(checksums)).setLast(last).setSync(sync).build();
        return new DataFrame(DataHeader.newBuilder().setPacket(header).build(), Unpooled.wrappedBuffer(data));
    }

    @Override
    public String toString() {
        return "packet " + seqno + " [" + offsetInBlock + ", " + end() + ")" + (last ? " last" : "") + (sync ? " sync" : "");
    }
}
