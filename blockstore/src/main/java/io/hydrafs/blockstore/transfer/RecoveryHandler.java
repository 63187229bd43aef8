package io.hydrafs.blockstore.transfer;

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
 * Answers one recovery request ({@code init_recovery} or {@code finalize_recovery}) with the
 * matching response, running {@link ReplicaRecovery} on the disk queue, then closes the connection.
 */
final class RecoveryHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RecoveryHandler.class);

    private final TransferContext context;
    private final SerialExecutor disk;
    private ChannelHandlerContext ctx;

    RecoveryHandler(TransferContext context) {
        this.context = context;
        this.disk = context.newDiskQueue();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Handles the connection's first frame (one of the two recovery requests). On the event loop. */
    void begin(DataHeader request) {
        ctx.channel().config().setAutoRead(false);
        disk.execute(() -> {
            DataHeader.Builder answer = DataHeader.newBuilder();
            if (request.hasInitRecovery()) {
                try {
                    answer.setInitRecoveryResponse(ReplicaRecovery.init(context.store(), request.getInitRecovery()));
                } catch (Throwable t) {
                    LOG.debug("init recovery of {}: {}", request.getInitRecovery().getBlock().getBlockId(), t.toString());
                    answer.setInitRecoveryResponse(InitReplicaRecoveryResponse.newBuilder()
                            .setError(TransferErrors.toRpcError(t)));
                }
            } else {
                FinalizeRecoveryResponse.Builder response = FinalizeRecoveryResponse.newBuilder();
                try {
                    ReplicaRecovery.finalizeRecovery(context.store(), request.getFinalizeRecovery());
                } catch (Throwable t) {
                    LOG.debug("finalize recovery of {}: {}", request.getFinalizeRecovery().getBlock().getBlockId(),
                            t.toString());
                    response.setError(TransferErrors.toRpcError(t));
                }
                answer.setFinalizeRecoveryResponse(response);
            }
            try {
                ctx.channel().eventLoop().execute(() -> ctx.writeAndFlush(DataFrame.of(answer.build()))
                        .addListener(ChannelFutureListener.CLOSE));
            } catch (RejectedExecutionException e) {
                LOG.debug("event loop shut down before a recovery answer");
            }
        });
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
