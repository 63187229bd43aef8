package io.hydrafs.protocol.net;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.flush.FlushConsolidationHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The wire format shared by both ends: each frame is a 4-byte big-endian length followed by
 * that many bytes of one protobuf message. Inbound, handlers after these receive one
 * {@link ByteBuf} per frame (without the prefix) and parse it themselves, so each side
 * decides what an unparseable frame means. A frame longer than the limit is never buffered:
 * they receive a {@link FrameDecoder.Oversized} naming its call id instead (see
 * {@link FrameDecoder}).
 */
final class RpcFraming {
    static final int LENGTH_BYTES = 4;

    private RpcFraming() {
    }

    static void install(ChannelPipeline pipeline, int maxFrameBytes) {
        // Many small responses complete in one read cycle (or many calls are issued at once):
        // one syscall for all of them instead of one flush each.
        pipeline.addLast("flushConsolidation", new FlushConsolidationHandler(
                FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        pipeline.addLast("frameDecoder", new FrameDecoder(maxFrameBytes));
        pipeline.addLast("frameEncoder", FrameEncoder.INSTANCE);
    }

    /** host:port of a peer, for messages and {@link RpcCall#remoteAddress()}. */
    static String describe(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return hostPort(inet.getHostString(), inet.getPort());
        }
        return String.valueOf(address);
    }

    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Serializes a message straight into one exactly-sized buffer: no intermediate byte[]. */
    @ChannelHandler.Sharable
    private static final class FrameEncoder extends MessageToByteEncoder<MessageLite> {
        static final FrameEncoder INSTANCE = new FrameEncoder();

        @Override
        protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, MessageLite msg, boolean preferDirect) {
            return ctx.alloc().ioBuffer(LENGTH_BYTES + msg.getSerializedSize());
        }

        @Override
        protected void encode(ChannelHandlerContext ctx, MessageLite msg, ByteBuf out) throws IOException {
            int size = msg.getSerializedSize();
            out.writeInt(size);
            int start = out.writerIndex();
            out.ensureWritable(size);
            CodedOutputStream body = CodedOutputStream.newInstance(out.nioBuffer(start, size));
            msg.writeTo(body);
            body.flush();
            body.checkNoSpaceLeft();
            out.writerIndex(start + size);
        }
    }
}
