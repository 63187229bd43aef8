package io.hydrafs.protocol.net;

import io.hydrafs.protocol.rpc.RpcRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static io.hydrafs.protocol.net.RpcFixture.ECHO;
import static io.hydrafs.protocol.net.RpcFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Framing of inbound bytes, fed by hand in awkward pieces, without sockets. */
class FrameDecoderTest {
    private static final int LIMIT = 64;

    private final EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(LIMIT));

    @AfterEach
    void tearDown() {
        channel.finishAndReleaseAll();
    }

    private static byte[] frame(int declaredLength, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(declaredLength).put(body).array();
    }

    private static byte[] frame(byte[] body) {
        return frame(body.length, body);
    }

    private void writeByteByByte(byte[]... parts) {
        for (byte[] part : parts) {
            for (byte b : part) {
                channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            }
        }
    }

    private RpcRequest readRequest() throws Exception {
        ByteBuf frame = channel.readInbound();
        try {
            return RpcRequest.parseFrom(frame.nioBuffer());
        } finally {
            frame.release();
        }
    }

    @Test
    void oversizedFrameArrivingInPiecesYieldsItsCallIdAndTheNextFrameIntact() throws Exception {
        byte[] oversized = request(300, ECHO, "x".repeat(2 * LIMIT)).toByteArray(); // 300: a 2-byte varint
        byte[] next = request(301, ECHO, "next").toByteArray();

        writeByteByByte(frame(oversized), frame(next));

        assertEquals(new FrameDecoder.Oversized(300, oversized.length, LIMIT), channel.readInbound());
        assertEquals(request(301, ECHO, "next"), readRequest());
        assertNull(channel.readInbound());
    }

    @Test
    void oversizedFrameNotStartingWithACallIdYieldsCallIdZeroAndEverythingAfterIsDropped() {
        byte[] oversizedGarbage = new byte[LIMIT + 1];

        channel.writeInbound(Unpooled.wrappedBuffer(frame(oversizedGarbage), frame(request(1, ECHO, "").toByteArray())));

        assertEquals(new FrameDecoder.Oversized(0, LIMIT + 1, LIMIT), channel.readInbound());
        assertNull(channel.readInbound());
    }

    @Test
    void lengthBeyondAnyPeersLimitIsNotTakenForACallEvenIfACallIdFollows() {
        byte[] startsLikeACall = request(5, ECHO, "").toByteArray();

        channel.writeInbound(Unpooled.wrappedBuffer(frame(-1, startsLikeACall)));

        assertEquals(new FrameDecoder.Oversized(0, 0xFFFF_FFFFL, LIMIT), channel.readInbound());
    }
}
