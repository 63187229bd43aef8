package io.hydrafs.protocol.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits the inbound bytes into frames (4-byte big-endian length, then the body) and passes
 * on each body as a {@link ByteBuf}, or an {@link Oversized} for a frame over the limit.
 *
 * <p>Two peers may be configured with different limits, so an oversized frame is usually a
 * well-formed call that only this end refuses. Its sender must learn which call failed: an
 * error about the whole connection would fail every call on it with CONNECTION_FAILED, which
 * callers retry on another node, where the same frame fails again until their deadline. So
 * the decoder reads the call id the frame starts with, hands it on, then drops the body as it
 * arrives without buffering it; the frames after it are decoded as usual, since the length
 * prefix says where the next one begins.
 *
 * <p>Both messages carry their call id as field 1, which protobuf writers emit first (the
 * spec asks them to write fields in number order; Java's generated code does): tag byte 0x08,
 * then a varint. A frame that does not start so, or declares more bytes than any peer's limit
 * allows, is not taken for a call: it is passed on with call id 0 and every byte after it is
 * dropped, because a length that is garbage leaves nothing to resynchronize on.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private static final int CALL_ID_TAG = 0x08; // field 1, wire type 0 (varint)
    private static final int MAX_VARINT_BYTES = 10;

    /**
     * A frame of {@code bytes} that was over {@code limit}: its call id, or 0 if it had none.
     * The frame itself is not delivered.
     */
    record Oversized(long callId, long bytes, int limit) {
    }

    private final int maxFrameBytes;
    private long toDrop; // bytes of an oversized frame (or, after garbage, of the stream) still to drop

    FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (toDrop > 0) {
            int dropped = (int) Math.min(toDrop, in.readableBytes());
            in.skipBytes(dropped);
            toDrop -= dropped;
            return;
        }
        if (in.readableBytes() < RpcFraming.LENGTH_BYTES) {
            return;
        }
        long length = in.getUnsignedInt(in.readerIndex());
        int bodyStart = in.readerIndex() + RpcFraming.LENGTH_BYTES;
        if (length <= maxFrameBytes) {
            if (in.writerIndex() - bodyStart >= length) {
                in.skipBytes(RpcFraming.LENGTH_BYTES);
                out.add(in.readRetainedSlice((int) length));
            }
            return;
        }
        Long callId = length <= RpcConfigKeys.FRAME_LIMIT_MAX ? leadingCallId(in, bodyStart) : Long.valueOf(0);
        if (callId == null) {
            return; // the call id has not fully arrived
        }
        in.skipBytes(RpcFraming.LENGTH_BYTES);
        toDrop = callId != 0 ? length : Long.MAX_VALUE;
        out.add(new Oversized(callId, length, maxFrameBytes));
    }

    /**
     * The call id a message body starting at {@code start} begins with; 0 if it does not begin
     * with one; null if more bytes are needed to tell. Only called for bodies longer than any
     * call id, so the bytes needed are sure to come unless the peer goes away.
     */
    static Long leadingCallId(ByteBuf in, int start) {
        if (in.writerIndex() <= start) {
            return null;
        }
        if (in.getUnsignedByte(start) != CALL_ID_TAG) {
            return 0L;
        }
        long value = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            int at = start + 1 + i;
            if (at >= in.writerIndex()) {
                return null;
            }
            int b = in.getUnsignedByte(at);
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return 0L; // a varint longer than 64 bits: not a call id
    }
}
