package io.hydrafs.protocol.data;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.MessageToMessageEncoder;

import java.io.IOException;
import java.util.List;

/**
 * Netty codec of {@link DataFrame}s. Inbound, handlers after it receive whole frames; a frame
 * longer than the limit raises {@link io.netty.handler.codec.TooLongFrameException} as soon as
 * its length is read, and an unparseable header raises {@link CorruptedFrameException}: either
 * way the connection is unusable and the handler should answer (if it can) and close it.
 *
 * <p>Outbound, the payload is written as it is (no copy); {@link #prefix} lets a sender put a
 * {@code FileRegion} after a header instead (zero-copy reads).
 */
public final class DataFrameCodec {
    /** Room for a 64 KiB packet, its checksums and header, with margin. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;

    private DataFrameCodec() {
    }

    /** Adds the decoder and encoder to a channel pipeline. */
    public static void install(ChannelPipeline pipeline, int maxFrameBytes) {
        pipeline.addLast("dataFrameDecoder", new Decoder(maxFrameBytes));
        pipeline.addLast("dataFrameEncoder", Encoder.INSTANCE);
    }

    /**
     * The bytes before a frame's payload: frame length, header length, header. Write this, then
     * exactly {@code payloadBytes} bytes of payload by any means.
     */
    public static ByteBuf prefix(ByteBufAllocator alloc, DataHeader header, long payloadBytes) {
        int headerBytes = header.getSerializedSize();
        long frameBytes = DataFrame.LENGTH_BYTES + headerBytes + payloadBytes;
        if (frameBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame of " + frameBytes + " bytes");
        }
        ByteBuf buf = alloc.buffer(2 * DataFrame.LENGTH_BYTES + headerBytes);
        buf.writeInt((int) frameBytes);
        buf.writeInt(headerBytes);
        try {
            int at = buf.writerIndex();
            CodedOutputStream out = CodedOutputStream.newInstance(buf.nioBuffer(at, headerBytes));
            header.writeTo(out);
            out.checkNoSpaceLeft();
            buf.writerIndex(at + headerBytes);
        } catch (IOException e) {
            buf.release();
            throw new IllegalStateException("serializing a data header", e);
        }
        return buf;
    }

    private static final class Decoder extends LengthFieldBasedFrameDecoder {
        Decoder(int maxFrameBytes) {
            super(maxFrameBytes + DataFrame.LENGTH_BYTES, 0, DataFrame.LENGTH_BYTES, 0, DataFrame.LENGTH_BYTES);
        }

        @Override
        protected Object decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
            ByteBuf frame = (ByteBuf) super.decode(ctx, in);
            if (frame == null) {
                return null;
            }
            try {
                if (frame.readableBytes() < DataFrame.LENGTH_BYTES) {
                    throw new CorruptedFrameException("data frame of " + frame.readableBytes() + " bytes has no header length");
                }
                int headerBytes = frame.readInt();
                if (headerBytes < 0 || headerBytes > frame.readableBytes()) {
                    throw new CorruptedFrameException("data frame header length " + headerBytes + " exceeds the frame");
                }
                DataHeader header;
                try {
                    header = DataHeader.parseFrom(frame.nioBuffer(frame.readerIndex(), headerBytes));
                } catch (InvalidProtocolBufferException e) {
                    throw new CorruptedFrameException("data frame header is not valid: " + e.getMessage());
                }
                frame.skipBytes(headerBytes);
                ByteBuf payload = frame.retainedSlice();
                return new DataFrame(header, payload);
            } finally {
                frame.release();
            }
        }
    }

    @ChannelHandler.Sharable
    private static final class Encoder extends MessageToMessageEncoder<DataFrame> {
        static final Encoder INSTANCE = new Encoder();

        @Override
        protected void encode(ChannelHandlerContext ctx, DataFrame msg, List<Object> out) {
            out.add(prefix(ctx.alloc(), msg.header(), msg.payload().readableBytes()));
            // MessageToMessageEncoder releases msg after encode: hand the payload on with its own count
            out.add(msg.payload().retain());
        }
    }
}
