package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.WriteBlockResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.net.RpcErrors;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every data connection: the first frame says what the connection is for,
 * and this handler replaces itself with the handler of that operation (write: {@link BlockReceiver},
 * read: {@link BlockSender}, recovery: {@link RecoveryHandler}) and hands it the request.
 *
 * <p>Anything else (a frame that is not a request, a frame too large, bytes that are not frames)
 * is answered with a {@link WriteBlockResponse} carrying MALFORMED_REQUEST (or FRAME_TOO_LARGE)
 * and the connection is closed. Every response kind carries an error, but the server cannot
 * know which one a confused peer expects, so it uses the write response, the protocol's most
 * general answer. Handlers of operations close their connection on malformed input without
 * answering: mid-stream, a peer that breaks framing cannot be talked to.
 */
final class ConnectionDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionDispatcher.class);

    private final TransferContext context;
    private boolean refused;

    ConnectionDispatcher(TransferContext context) {
        this.context = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DataFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        DataHeader header = frame.header();
        frame.release(); // requests have no payload
        if (refused) {
            return;
        }
        switch (header.getKindCase()) {
            case WRITE_BLOCK -> {
                BlockReceiver receiver = new BlockReceiver(context);
                ctx.pipeline().replace(this, "blockReceiver", receiver);
                receiver.begin(header.getWriteBlock());
            }
            case READ_BLOCK -> {
                BlockSender sender = new BlockSender(context);
                ctx.pipeline().replace(this, "blockSender", sender);
                sender.begin(header.getReadBlock());
            }
            case INIT_RECOVERY, FINALIZE_RECOVERY -> {
                RecoveryHandler handler = new RecoveryHandler(context);
                ctx.pipeline().replace(this, "recovery", handler);
                handler.begin(header);
            }
            default -> refuse(ctx, ErrorCode.MALFORMED_REQUEST, "a data connection cannot start with "
                    + header.getKindCase());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            refuse(ctx, ErrorCode.FRAME_TOO_LARGE, cause.getMessage());
        } else if (cause instanceof DecoderException) {
            refuse(ctx, ErrorCode.MALFORMED_REQUEST, "not a data frame: " + cause.getMessage());
        } else {
            LOG.debug("data connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private void refuse(ChannelHandlerContext ctx, ErrorCode code, String why) {
        if (refused) {
            return;
        }
        refused = true;
        LOG.debug("refusing data connection from {}: {}", ctx.channel().remoteAddress(), why);
        ctx.channel().config().setAutoRead(false);
        WriteBlockResponse answer = WriteBlockResponse.newBuilder().setError(RpcErrors.toRpcError(code, why)).build();
        ctx.writeAndFlush(DataFrame.of(DataHeader.newBuilder().setWriteBlockResponse(answer).build()))
                .addListener(ChannelFutureListener.CLOSE);
    }
}
