package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.BlockChecksumResponse;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.FinalizeRecoveryResponse;
import io.hydrafs.protocol.data.InitReplicaRecoveryResponse;
import io.hydrafs.protocol.data.ReadBlockResponse;
import io.hydrafs.protocol.data.WriteBlockResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.net.RpcErrors;
import io.hydrafs.protocol.rpc.RpcError;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The first handler of every data connection: the first frame says what the connection is for,
 * and this handler replaces itself with the handler of that operation (write: {@link BlockReceiver},
 * read: {@link BlockSender}, recovery and block checksums: {@link SingleAnswerHandler}) and hands it
 * the request.
 *
 * <p>A request that arrives while the server holds more than
 * {@link TransferSettings#maxConnections()} connections is answered SERVER_BUSY (in the
 * response of its kind) and its connection closed, so that peers that hold connections without
 * finishing them cannot exhaust the blockstore's file descriptors. A connection that sends no
 * request within {@link TransferSettings#responseTimeoutMs()} is closed.
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
    private ScheduledFuture<?> requestDeadline;

    ConnectionDispatcher(TransferContext context) {
        this.context = context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long timeoutMs = context.settings().responseTimeoutMs();
        requestDeadline = ctx.executor().schedule(() -> {
            LOG.debug("closing data connection from {}: no request within {} ms", ctx.channel().remoteAddress(),
                    timeoutMs);
            ctx.close();
        }, timeoutMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        // replaced by the operation's handler, or the connection is gone
        requestDeadline.cancel(false);
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
        requestDeadline.cancel(false);
        int open = context.openConnections().get();
        if (open > context.settings().maxConnections()) {
            refuse(ctx, header.getKindCase(), ErrorCode.SERVER_BUSY, "blockstore busy: " + open
                    + " data connections open, the limit is " + context.settings().maxConnections());
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
            case INIT_RECOVERY, FINALIZE_RECOVERY, BLOCK_CHECKSUM -> {
                SingleAnswerHandler handler = new SingleAnswerHandler(context);
                ctx.pipeline().replace(this, "singleAnswer", handler);
                handler.begin(header);
            }
            default -> refuse(ctx, header.getKindCase(), ErrorCode.MALFORMED_REQUEST,
                    "a data connection cannot start with " + header.getKindCase());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            refuse(ctx, DataHeader.KindCase.KIND_NOT_SET, ErrorCode.FRAME_TOO_LARGE, cause.getMessage());
        } else if (cause instanceof DecoderException) {
            refuse(ctx, DataHeader.KindCase.KIND_NOT_SET, ErrorCode.MALFORMED_REQUEST,
                    "not a data frame: " + cause.getMessage());
        } else {
            LOG.debug("data connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    /** Answers {@code request}'s kind of response with an error, then closes the connection. */
    private void refuse(ChannelHandlerContext ctx, DataHeader.KindCase request, ErrorCode code, String why) {
        if (refused) {
            return;
        }
        refused = true;
        LOG.debug("refusing data connection from {}: {}", ctx.channel().remoteAddress(), why);
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(DataFrame.of(errorAnswer(request, RpcErrors.toRpcError(code, why))))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private static DataHeader errorAnswer(DataHeader.KindCase request, RpcError error) {
        DataHeader.Builder answer = DataHeader.newBuilder();
        switch (request) {
            case READ_BLOCK -> answer.setReadBlockResponse(ReadBlockResponse.newBuilder().setError(error));
            case INIT_RECOVERY -> answer.setInitRecoveryResponse(InitReplicaRecoveryResponse.newBuilder()
                    .setError(error));
            case FINALIZE_RECOVERY -> answer.setFinalizeRecoveryResponse(FinalizeRecoveryResponse.newBuilder()
                    .setError(error));
            case BLOCK_CHECKSUM -> answer.setBlockChecksumResponse(BlockChecksumResponse.newBuilder().setError(error));
            default -> answer.setWriteBlockResponse(WriteBlockResponse.newBuilder().setError(error));
        }
        return answer.build();
    }
}
