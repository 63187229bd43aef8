package io.hydrafs.protocol.net;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.rpc.RpcResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * The client end of a connection: routes each {@link RpcResponse} to its outstanding call.
 * An answer with call id 0 is the server explaining why it is about to close the connection
 * (e.g. MALFORMED_REQUEST); it becomes the reason every outstanding call fails. A frame that is
 * not an RpcResponse means the byte stream can no longer be trusted: the connection is closed.
 *
 * <p>An answer over this client's frame limit (the server's limit is higher) fails only its
 * own call, with FRAME_TOO_LARGE: the server did answer, so failing the other calls with
 * CONNECTION_FAILED would be wrong, and would make callers retry a call whose answer will
 * never fit. The connection stays open.
 */
final class ClientConnection extends SimpleChannelInboundHandler<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final OutstandingCalls calls;
    private final Consumer<String> connectionLost;

    /** {@code connectionLost} receives why the connection is unusable; it may be told more than once. */
    ClientConnection(OutstandingCalls calls, Consumer<String> connectionLost) {
        this.calls = calls;
        this.connectionLost = connectionLost;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (message instanceof FrameDecoder.Oversized oversized) {
            refuse(ctx, oversized);
            return;
        }
        ByteBuf frame = (ByteBuf) message;
        RpcResponse response;
        try {
            response = RpcResponse.parseFrom(frame.nioBuffer());
        } catch (InvalidProtocolBufferException e) {
            lose(ctx, "server sent a frame that is not an RpcResponse: " + e.getMessage());
            return;
        }
        if (response.getCallId() == 0 && response.hasError()) {
            lose(ctx, "server reported " + ErrorCode.fromNumber(response.getError().getCode()) + ": "
                    + response.getError().getMessage());
            return;
        }
        if (!calls.complete(response)) {
            LOG.debug("answer to call {} from {} came after the call ended (timed out?)",
                    response.getCallId(), RpcFraming.describe(ctx.channel().remoteAddress()));
        }
    }

    private void refuse(ChannelHandlerContext ctx, FrameDecoder.Oversized oversized) {
        String what = "answer of " + oversized.bytes() + " bytes exceeds this client's limit of "
                + oversized.limit() + " bytes";
        if (oversized.callId() == 0) {
            lose(ctx, "server sent a frame that is not an RpcResponse: " + what);
            return;
        }
        if (!calls.fail(oversized.callId(), new HydraException(ErrorCode.FRAME_TOO_LARGE, "call "
                + oversized.callId() + " to " + RpcFraming.describe(ctx.channel().remoteAddress()) + ": " + what))) {
            LOG.debug("oversized answer to call {} came after the call ended (timed out?)", oversized.callId());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        lose(ctx, cause.toString());
    }

    private void lose(ChannelHandlerContext ctx, String why) {
        connectionLost.accept(why);
        ctx.close();
    }
}
