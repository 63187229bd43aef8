package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.net.RpcEventLoops;
import com.google.protobuf.ByteString;
import io.hydrafs.protocol.data.DataChecksums;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.Packet;
import io.hydrafs.protocol.data.PacketAck;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test's end of one data connection, playing a client: sends frames and takes what comes back,
 * payloads copied out, with a timeout so a broken server fails the test instead of hanging it.
 */
final class TestPeer implements AutoCloseable, DataChannel.Inbound {
    private static final long WAIT_MS = 10_000;

    /** A received frame: its header and a copy of its payload. */
    record Received(DataHeader header, byte[] payload) {
    }

    private final LinkedBlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private DataChannel channel;

    static TestPeer connect(RpcEventLoops loops, BlockstoreLocation target) throws HydraException {
        TestPeer peer = new TestPeer();
        peer.channel = DataChannel.connectBlocking(loops.group(), target, TransferTestCluster.SETTINGS, peer);
        return peer;
    }

    @Override
    public void frame(DataFrame frame) {
        try {
            received.add(new Received(frame.header(), ByteBufUtil.getBytes(frame.payload())));
        } finally {
            frame.release();
        }
    }

    @Override
    public void closed(HydraException why) {
        received.add(why);
    }

    void send(DataHeader header) {
        channel.send(DataFrame.of(header));
    }

    /** Sends a data packet with correct checksums of {@code block[offset, offset + length)}. */
    void sendPacket(long seqno, byte[] block, int offset, int length) {
        ByteBuffer data = ByteBuffer.wrap(block, offset, length);
        sendPacket(seqno, offset, block, length, ByteString.copyFrom(DataChecksums.compute(data)));
    }

    void sendPacket(long seqno, int offset, byte[] block, int length, ByteString checksums) {
        Packet packet = Packet.newBuilder().setSeqno(seqno).setOffsetInBlock(offset).setChecksums(checksums).build();
        channel.send(new DataFrame(DataHeader.newBuilder().setPacket(packet).build(),
                Unpooled.copiedBuffer(block, offset, length)));
    }

    void sendLast(long seqno, long offset) {
        send(DataHeader.newBuilder().setPacket(Packet.newBuilder().setSeqno(seqno).setOffsetInBlock(offset)
                .setLast(true)).build());
    }

    /** The next frame; fails the test on timeout or if the connection ended first. */
    Received next() throws Exception {
        Object item = received.poll(WAIT_MS, TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new AssertionError("no frame within " + WAIT_MS + " ms");
        }
        if (item instanceof HydraException why) {
            received.add(why);
            throw why;
        }
        return (Received) item;
    }

    PacketAck nextAck() throws Exception {
        Received r = next();
        if (!r.header().hasAck()) {
            throw new AssertionError("expected an ack, got " + r.header());
        }
        return r.header().getAck();
    }

    /** Waits for the server to close the connection, skipping frames; returns why it ended. */
    HydraException awaitClosed() throws Exception {
        while (true) {
            Object item = received.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            if (item == null) {
                throw new AssertionError("connection still open after " + WAIT_MS + " ms");
            }
            if (item instanceof HydraException why) {
                return why;
            }
        }
    }

    static int code(ErrorCode c) {
        return c.number();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close();
        }
    }
}
