package io.hydrafs.protocol.net;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server end of one client connection: parses each frame as an {@link RpcRequest}, hands
 * it to the dispatcher and writes the response whenever it completes (so responses leave in
 * completion order, not request order).
 *
 * <p>A peer that breaks the framing (a frame over the limit, bytes that are not an
 * RpcRequest) cannot be resynchronized: it is told why with an error of call id 0 and the
 * connection is closed. Other connections are unaffected. Responses to calls still running
 * when the connection closes are dropped: the client has already failed those calls with
 * CONNECTION_FAILED.
 */
final class ServerConnection extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    private final RpcDispatcher dispatcher;
    private String remote = "?";
    private boolean broken; // touched on the event loop only

    ServerConnection(RpcDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        remote = RpcFraming.describe(ctx.channel().remoteAddress());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (broken) {
            return;
        }
        RpcRequest request;
        try {
            request = RpcRequest.parseFrom(frame.nioBuffer());
        } catch (InvalidProtocolBufferException e) {
            closeWithError(ctx, ErrorCode.MALFORMED_REQUEST, "frame is not an RpcRequest: " + e.getMessage());
            return;
        }
        Channel channel = ctx.channel();
        dispatcher.dispatch(RpcCall.of(request, remote)).thenAccept(response -> send(channel, response));
    }

    private void send(Channel channel, RpcResponse response) {
        channel.writeAndFlush(response).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("answer to call {} not delivered to {}: {}", response.getCallId(), remote, f.cause());
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            closeWithError(ctx, ErrorCode.FRAME_TOO_LARGE, "request frame too large: " + cause.getMessage());
        } else if (cause instanceof DecoderException) {
            closeWithError(ctx, ErrorCode.MALFORMED_REQUEST, "undecodable frame: " + cause.getMessage());
        } else {
            // resets and other socket errors: the client sees the connection break
            LOG.debug("closing connection from {}: {}", remote, cause.toString());
            ctx.close();
        }
    }

    private void closeWithError(ChannelHandlerContext ctx, ErrorCode code, String message) {
        if (broken) {
            return;
        }
        broken = true;
        LOG.warn("closing connection from {}: {}: {}", remote, code, message);
        ctx.writeAndFlush(dispatcher.connectionError(code, message)).addListener(ChannelFutureListener.CLOSE);
    }
}
