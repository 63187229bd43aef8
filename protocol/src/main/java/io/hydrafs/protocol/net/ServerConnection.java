package io.hydrafs.protocol.net;

import com.google.protobuf.InvalidProtocolBufferException;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The server end of one client connection: parses each frame as an {@link RpcRequest}, hands
 * it to the dispatcher and writes the response whenever it completes (so responses leave in
 * completion order, not request order).
 *
 * <p>A request over the frame limit is answered FRAME_TOO_LARGE under its own call id and
 * never dispatched; the connection goes on serving the frames after it (a client whose limit
 * is above ours sends such requests in good faith, and its other calls should not suffer).
 * A peer that breaks the framing (bytes that are not an RpcRequest, an oversized frame that
 * does not start with a call id) cannot be resynchronized: it is told why with an error of
 * call id 0 and the connection is closed. Other connections are unaffected. Responses to
 * calls still running when the connection closes are dropped: the client has already failed
 * those calls with CONNECTION_FAILED.
 *
 * <p>At most {@code maxCalls} calls of the connection run or wait for their answer to be
 * written at once; the requests after them wait here in arrival order. Once that many are
 * running or waiting, the connection is not read until half have been answered and their
 * answers handed to the socket: a client that pipelines calls without reading its answers
 * stalls itself (TCP pushes back) instead of filling the server's memory. The queue holds at
 * most what one read cycle decoded beyond the limit. The counts are touched on the event
 * loop only (write listeners run there too).
 */
final class ServerConnection extends SimpleChannelInboundHandler<Object> {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);

    private final RpcDispatcher dispatcher;
    private final int maxCalls;
    private final Deque<RpcRequest> waiting = new ArrayDeque<>();
    private String remote = "?";
    private boolean broken;
    private int running; // dispatched, answer not yet handed to the socket
    private boolean starting;

    ServerConnection(RpcDispatcher dispatcher, int maxCalls) {
        Invariants.check(maxCalls > 0, "max calls per connection %d", maxCalls);
        this.dispatcher = dispatcher;
        this.maxCalls = maxCalls;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        remote = RpcFraming.describe(ctx.channel().remoteAddress());
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object message) {
        if (broken) {
            return;
        }
        if (message instanceof FrameDecoder.Oversized oversized) {
            refuse(ctx, oversized);
            return;
        }
        ByteBuf frame = (ByteBuf) message;
        RpcRequest request;
        try {
            request = RpcRequest.parseFrom(frame.nioBuffer());
        } catch (InvalidProtocolBufferException e) {
            closeWithError(ctx, ErrorCode.MALFORMED_REQUEST, "frame is not an RpcRequest: " + e.getMessage());
            return;
        }
        waiting.add(request);
        startWaitingCalls(ctx.channel());
    }

    private void refuse(ChannelHandlerContext ctx, FrameDecoder.Oversized oversized) {
        if (oversized.callId() == 0) {
            closeWithError(ctx, ErrorCode.FRAME_TOO_LARGE, "frame of " + oversized.bytes()
                    + " bytes exceeds the limit of " + oversized.limit() + " bytes and is not an RpcRequest");
            return;
        }
        LOG.warn("refused call {} from {}: request of {} bytes exceeds this server's limit of {} bytes",
                oversized.callId(), remote, oversized.bytes(), oversized.limit());
        // Counted like a dispatched call, so a client sending only oversized frames without
        // reading the answers is held back by the same limit as any other.
        running++;
        send(ctx.channel(), dispatcher.refusal(oversized.callId(), ErrorCode.FRAME_TOO_LARGE, "request of "
                + oversized.bytes() + " bytes exceeds the server's limit of " + oversized.limit() + " bytes"));
        startWaitingCalls(ctx.channel());
    }

    private void startWaitingCalls(Channel channel) {
        if (starting) {
            return; // a call answered synchronously while an outer loop starts calls: it goes on
        }
        starting = true;
        try {
            while (running < maxCalls && !waiting.isEmpty() && !broken && channel.isActive()) {
                RpcRequest request = waiting.poll();
                running++;
                dispatcher.dispatch(RpcCall.of(request, remote)).thenAccept(response -> send(channel, response));
            }
        } finally {
            starting = false;
        }
        int held = running + waiting.size();
        if (held >= maxCalls) {
            setReading(channel, false);
        } else if (held <= maxCalls / 2) {
            setReading(channel, true);
        }
    }

    private static void setReading(Channel channel, boolean on) {
        if (channel.config().isAutoRead() != on) {
            channel.config().setAutoRead(on);
        }
    }

    private void send(Channel channel, RpcResponse response) {
        // the listener runs on the channel's event loop, like channelRead0
        channel.writeAndFlush(response).addListener(f -> {
            if (!f.isSuccess()) {
                LOG.debug("answer to call {} not delivered to {}: {}", response.getCallId(), remote, f.cause());
            }
            running--;
            Invariants.check(running >= 0, "more answers than calls on the connection from %s", remote);
            startWaitingCalls(channel);
        });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        waiting.clear(); // the client has failed these calls with CONNECTION_FAILED
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException) {
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
        waiting.clear();
        LOG.warn("closing connection from {}: {}: {}", remote, code, message);
        ctx.writeAndFlush(dispatcher.refusal(0, code, message)).addListener(ChannelFutureListener.CLOSE);
    }
}
