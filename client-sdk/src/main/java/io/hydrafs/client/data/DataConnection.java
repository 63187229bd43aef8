package io.hydrafs.client.data;

import io.hydrafs.client.net.SharedEventLoops;
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
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One TCP connection to a blockstore's data port carrying {@link DataFrame}s, on the SDK's
 * shared I/O threads. The listener is called on the I/O thread and must not block.
 *
 * <p>Reading is demand-driven (auto-read off): the connection reads from the socket while
 * {@link Listener#wantsMore()} is true and stops otherwise; the consumer calls
 * {@link #readMore()} once it has room again. That bounds what a slow reader buffers.
 *
 * <p>{@link #send} keeps the order of sends from any thread, including the I/O thread itself
 * (every write is queued behind the ones before it). {@link Listener#closed} is called once,
 * when the connection breaks or is closed.
 */
final class DataConnection implements AutoCloseable {
    /** Receives what arrives; called on the connection's I/O thread. */
    interface Listener {
        /** A frame; the listener owns it (must release it). */
        void frame(DataFrame frame);

        void closed(String why);

        /** Whether to keep reading from the socket. */
        default boolean wantsMore() {
            return true;
        }
    }

    private final Channel channel;
    private final BlockstoreLocation target;

    private DataConnection(Channel channel, BlockstoreLocation target) {
        this.channel = channel;
        this.target = target;
    }

    /** Connects, waiting at most {@code connectTimeoutMs}; CONNECTION_FAILED naming the node if it cannot. */
    static DataConnection connect(BlockstoreLocation target, long connectTimeoutMs, Listener listener)
            throws HydraException {
        ChannelFuture connect;
        try {
            connect = TcpKeepAlive.on(new Bootstrap())
                    .group(SharedEventLoops.get().group())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeoutMs))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            DataFrameCodec.install(ch.pipeline(), DataFrameCodec.DEFAULT_MAX_FRAME_BYTES);
                            ch.pipeline().addLast("data", new Inbound(listener));
                        }
                    })
                    .connect(target.getHost(), target.getDataPort());
        } catch (RejectedExecutionException e) {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "I/O threads are shut down", e);
        }
        connect.awaitUninterruptibly();
        if (!connect.isSuccess()) {
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "could not connect to blockstore " + describe(target)
                    + ": " + connect.cause(), connect.cause());
        }
        return new DataConnection(connect.channel(), target);
    }

    static String describe(BlockstoreLocation location) {
        return location.getId() + " (" + location.getHost() + ":" + location.getDataPort() + ")";
    }

    BlockstoreLocation target() {
        return target;
    }

    /** Queues a frame behind every frame sent before; a failed write closes the connection. */
    void send(DataFrame frame) {
        try {
            channel.eventLoop().execute(() -> channel.writeAndFlush(frame).addListener(f -> {
                if (!f.isSuccess()) {
                    channel.close();
                }
            }));
        } catch (RejectedExecutionException e) {
            frame.release();
            channel.close();
        }
    }

    /** The consumer has room again: resume reading from the socket. */
    void readMore() {
        channel.read();
    }

    /** Closes the connection; the listener's {@code closed} follows. Idempotent. */
    @Override
    public void close() {
        channel.close();
    }

    private static final class Inbound extends ChannelInboundHandlerAdapter {
        private final Listener listener;
        private final AtomicBoolean closed = new AtomicBoolean();

        Inbound(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.read();
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof DataFrame frame) {
                listener.frame(frame);
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (listener.wantsMore()) {
                ctx.read();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnce("connection closed");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeOnce(String.valueOf(cause));
            ctx.close();
        }

        private void closeOnce(String why) {
            if (closed.compareAndSet(false, true)) {
                listener.closed(why);
            }
        }
    }
}
