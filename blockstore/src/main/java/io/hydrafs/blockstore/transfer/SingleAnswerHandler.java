package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.BlockChecksumResponse;
import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataHeader;
import io.hydrafs.protocol.data.FinalizeRecoveryResponse;
import io.hydrafs.protocol.data.InitReplicaRecoveryResponse;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.RejectedExecutionException;

/**
 * Answers a connection's one request that needs one answer and no stream (the two replica
 * recovery steps, a block checksum) with the matching response, computed on the disk queue since
 * each reads or changes a replica, then closes the connection. A failure goes into the answer's
 * error, never unanswered.
 */
final class SingleAnswerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SingleAnswerHandler.class);

    private final TransferContext context;
    private final SerialExecutor disk;
    private ChannelHandlerContext ctx;

    SingleAnswerHandler(TransferContext context) {
        this.context = context;
        this.disk = context.newDiskQueue();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Handles the connection's first frame: a recovery step or a block checksum request. On the event loop. */
    void begin(DataHeader request) {
        ctx.channel().config().setAutoRead(false);
        disk.execute(() -> {
            DataHeader answer = answer(request);
            try {
                ctx.channel().eventLoop().execute(() -> ctx.writeAndFlush(DataFrame.of(answer))
                        .addListener(ChannelFutureListener.CLOSE));
            } catch (RejectedExecutionException e) {
                LOG.debug("event loop shut down before the answer to {}", request.getKindCase());
            }
        });
    }

    private DataHeader answer(DataHeader request) {
        DataHeader.Builder answer = DataHeader.newBuilder();
        try {
            switch (request.getKindCase()) {
                case INIT_RECOVERY -> answer.setInitRecoveryResponse(
                        ReplicaRecovery.init(context.store(), request.getInitRecovery()));
                case FINALIZE_RECOVERY -> {
                    ReplicaRecovery.finalizeRecovery(context.store(), request.getFinalizeRecovery());
                    answer.setFinalizeRecoveryResponse(FinalizeRecoveryResponse.getDefaultInstance());
                }
                case BLOCK_CHECKSUM -> answer.setBlockChecksumResponse(
                        BlockChecksums.of(context.store(), request.getBlockChecksum()));
                default -> throw new IllegalStateException("invariant violated: no single answer to "
                        + request.getKindCase());
            }
        } catch (Throwable t) {
            LOG.debug("{} failed: {}", request.getKindCase(), t.toString());
            var error = TransferErrors.toRpcError(t);
            answer.clear();
            switch (request.getKindCase()) {
                case INIT_RECOVERY -> answer.setInitRecoveryResponse(InitReplicaRecoveryResponse.newBuilder()
                        .setError(error));
                case FINALIZE_RECOVERY -> answer.setFinalizeRecoveryResponse(FinalizeRecoveryResponse.newBuilder()
                        .setError(error));
                default -> answer.setBlockChecksumResponse(BlockChecksumResponse.newBuilder().setError(error));
            }
        }
        return answer.build();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg); // one request per connection
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
