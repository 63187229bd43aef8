package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataFrame;
import io.hydrafs.protocol.data.DataFrameCodec;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.meta.BlockstoreLocation;
import io.hydrafs.protocol.net.TcpKeepAlive;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The client end of one data transfer connection from this blockstore to another (pipeline
 * downstream, replication, recovery). Frames arrive at the {@link Inbound} in order on the
 * connection's event loop; {@link Inbound#closed} is called exactly once when the connection
 * ends for any reason (including {@link #close()}), after the last frame.
 *
 * <p>Blocking users wrap an Inbound around a queue ({@link FrameQueue}); the pipeline receiver
 * uses the callbacks directly and so never blocks its event loop.
 */
final class DataChannel implements AutoCloseable {

    /** Receives what the remote blockstore sends. All calls come on the connection's event loop. */
    interface Inbound {
        /** The next frame; the callee owns it and releases it. */
        void frame(DataFrame frame);

        /** The connection is gone: {@code why} is CONNECTION_FAILED or MALFORMED_REQUEST. Called once. */
        void closed(HydraException why);

        /** The outbound buffer crossed its high or low water mark. */
        default void writabilityChanged(boolean writable) {
        }
    }

    private final Channel channel;
    private final String remote;

    private DataChannel(Channel channel, String remote) {
        this.channel = channel;
        this.remote = remote;
    }

    /**
     * Connects to {@code target}'s data port on {@code loop}. The future fails with
     * CONNECTION_FAILED if no connection is made within the connect timeout.
     */
    static CompletableFuture<DataChannel> connect(EventLoop loop, BlockstoreLocation target,
                                                  TransferSettings settings, Inbound inbound) {
        String remote = describe(target);
        CompletableFuture<DataChannel> result = new CompletableFuture<>();
        ClosingHandler handler = new ClosingHandler(remote, inbound);
        ChannelFuture connecting = TcpKeepAlive.on(new Bootstrap())
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMs())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        DataFrameCodec.install(ch.pipeline(), settings.maxFrameBytes());
                        ch.pipeline().addLast("dataChannel", handler);
                    }
                })
                .connect(target.getHost(), target.getDataPort());
        connecting.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(new DataChannel(connecting.channel(), remote));
            } else {
                result.completeExceptionally(new HydraException(ErrorCode.CONNECTION_FAILED,
                        "cannot connect to blockstore " + remote + ": " + f.cause(), f.cause()));
            }
        });
        return result;
    }

    /**
     * Connects and waits, for worker threads (never an event loop).
     *
     * @throws HydraException CONNECTION_FAILED when the connection cannot be made in time
     */
    static DataChannel connectBlocking(EventLoopGroup group, BlockstoreLocation target, TransferSettings settings,
                                       Inbound inbound) throws HydraException {
        CompletableFuture<DataChannel> connecting = connect(group.next(), target, settings, inbound);
        try {
            // the connect timeout bounds this; the margin covers a late event loop
            return connecting.get(settings.connectTimeoutMs() + 1_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HydraException h) {
                throw h;
            }
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "cannot connect to " + describe(target), e.getCause());
        } catch (TimeoutException e) {
            connecting.thenAccept(DataChannel::close);
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "cannot connect to " + describe(target) + " in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connecting.thenAccept(DataChannel::close);
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "interrupted connecting to " + describe(target), e);
        }
    }

    /** Writes and flushes a frame (taking ownership of it). Thread-safe; frames leave in call order per thread. */
    ChannelFuture send(DataFrame frame) {
        return channel.writeAndFlush(frame);
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    boolean isOpen() {
        return channel.isActive();
    }

    EventLoop eventLoop() {
        return channel.eventLoop();
    }

    String remote() {
        return remote;
    }

    /** Closes the connection; {@link Inbound#closed} follows. Idempotent, never blocks. */
    @Override
    public void close() {
        channel.close();
    }

    static String describe(BlockstoreLocation target) {
        return target.getId() + "@" + target.getHost() + ":" + target.getDataPort();
    }

    /** Hands frames on and turns every kind of end into one {@code closed} call. */
    private static final class ClosingHandler extends ChannelInboundHandlerAdapter {
        private final String remote;
        private final Inbound inbound;
        private final AtomicBoolean ended = new AtomicBoolean();
        private HydraException failure;

        ClosingHandler(String remote, Inbound inbound) {
            this.remote = remote;
            this.inbound = inbound;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (ended.get() || !(msg instanceof DataFrame frame)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            inbound.frame(frame);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            inbound.writabilityChanged(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failure == null) {
                ErrorCode code = cause instanceof io.netty.handler.codec.DecoderException
                        ? ErrorCode.MALFORMED_REQUEST : ErrorCode.CONNECTION_FAILED;
                failure = new HydraException(code, "connection to blockstore " + remote + ": " + cause, cause);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ended.compareAndSet(false, true)) {
                HydraException why = failure != null ? failure
                        : new HydraException(ErrorCode.CONNECTION_FAILED, "connection to blockstore " + remote + " closed");
                inbound.closed(why);
            }
            ctx.fireChannelInactive();
        }
    }
}
