package io.hydrafs.protocol.data;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataFrameCodecTest {

    private static EmbeddedChannel channel(int maxFrameBytes) {
        EmbeddedChannel channel = new EmbeddedChannel();
        DataFrameCodec.install(channel.pipeline(), maxFrameBytes);
        return channel;
    }

    /** Everything the channel wrote, as one buffer. */
    private static ByteBuf written(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf part;
        while ((part = channel.readOutbound()) != null) {
            all.writeBytes(part);
            part.release();
        }
        return all;
    }

    @Test
    void frameWithPayloadSurvivesEncodeAndDecode() {
        EmbeddedChannel out = channel(DataFrameCodec.DEFAULT_MAX_FRAME_BYTES);
        EmbeddedChannel in = channel(DataFrameCodec.DEFAULT_MAX_FRAME_BYTES);
        try {
            DataHeader header = DataHeader.newBuilder().setPacket(Packet.newBuilder().setSeqno(3).setOffsetInBlock(512))
                    .build();
            out.writeOutbound(new DataFrame(header, Unpooled.copiedBuffer("block bytes", StandardCharsets.UTF_8)));

            in.writeInbound(written(out));
            DataFrame frame = in.readInbound();

            assertEquals(header, frame.header());
            assertEquals("block bytes", frame.payload().toString(StandardCharsets.UTF_8));
            frame.release();
        } finally {
            out.finishAndReleaseAll();
            in.finishAndReleaseAll();
        }
    }

    @Test
    void framesSplitAcrossReadsAreReassembled() {
        EmbeddedChannel out = channel(DataFrameCodec.DEFAULT_MAX_FRAME_BYTES);
        EmbeddedChannel in = channel(DataFrameCodec.DEFAULT_MAX_FRAME_BYTES);
        try {
            DataHeader header = DataHeader.newBuilder().setAck(PacketAck.newBuilder().setSeqno(9).addCodes(0)).build();
            out.writeOutbound(DataFrame.of(header));
            ByteBuf bytes = written(out);

            in.writeInbound(bytes.readRetainedSlice(3));
            assertNull(in.readInbound());
            in.writeInbound(bytes);
            DataFrame frame = in.readInbound();

            assertEquals(header, frame.header());
            assertEquals(0, frame.payload().readableBytes());
            frame.release();
        } finally {
            out.finishAndReleaseAll();
            in.finishAndReleaseAll();
        }
    }

    @Test
    void frameLongerThanTheLimitIsRefusedOnItsLength() {
        EmbeddedChannel in = channel(1024);
        try {
            ByteBuf lengthOnly = Unpooled.buffer().writeInt(4096);

            assertThrows(TooLongFrameException.class, () -> in.writeInbound(lengthOnly));
        } finally {
            in.finishAndReleaseAll();
        }
    }

    @Test
    void headerThatIsNotADataHeaderIsCorrupt() {
        EmbeddedChannel in = channel(1024);
        try {
            byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff};
            ByteBuf frame = Unpooled.buffer().writeInt(4 + garbage.length).writeInt(garbage.length).writeBytes(garbage);

            DecoderException e = assertThrows(DecoderException.class, () -> in.writeInbound(frame));

            assertTrue(e.getMessage().contains("not valid"), e.getMessage());
        } finally {
            in.finishAndReleaseAll();
        }
    }

    @Test
    void headerLengthBeyondTheFrameIsCorrupt() {
        EmbeddedChannel in = channel(1024);
        try {
            ByteBuf frame = Unpooled.buffer().writeInt(8).writeInt(100).writeInt(0);

            assertThrows(DecoderException.class, () -> in.writeInbound(frame));
        } finally {
            in.finishAndReleaseAll();
        }
    }

    @Test
    void prefixThenPayloadDecodesAsOneFrame() {
        EmbeddedChannel in = channel(1024);
        try {
            DataHeader header = DataHeader.newBuilder().setPacket(Packet.newBuilder().setSeqno(1)).build();
            ByteBuf bytes = DataFrameCodec.prefix(Unpooled.buffer().alloc(), header, 5);
            bytes.writeBytes("12345".getBytes(StandardCharsets.UTF_8));

            in.writeInbound(bytes);
            DataFrame frame = in.readInbound();

            assertEquals("12345", frame.payload().toString(StandardCharsets.UTF_8));
            frame.release();
        } finally {
            in.finishAndReleaseAll();
        }
    }
}
