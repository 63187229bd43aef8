package io.hydrafs.protocol.net;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A listening TCP socket on Netty that keeps track of its connections, for the servers that
 * speak their own protocol over it (RPC, data transfer, status and shuffle HTTP): each accepted connection's
 * pipeline is set up by the server's initializer. {@link #close()} stops accepting, closes
 * every open connection (also one accepted while close ran) and releases the I/O threads if
 * the listener created them. Threads: given an {@link RpcEventLoops}, the listener shares it
 * (and does not close it); given none, it runs one private I/O thread named after the server.
 */
public final class TcpListener implements AutoCloseable {
    private static final long CLOSE_WAIT_MS = 5_000;

    private final RpcEventLoops eventLoops;
    private final boolean ownsEventLoops;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private Channel listener;
    private volatile boolean closed;

    private TcpListener(RpcEventLoops eventLoops, boolean ownsEventLoops) {
        this.eventLoops = eventLoops;
        this.ownsEventLoops = ownsEventLoops;
    }

    /**
     * Binds {@code host:port} (0 = any free port).
     *
     * @param what     the server, for thread names and errors ("status HTTP", "shuffle")
     * @param shared   I/O threads to run on, or {@code null} for a private thread
     * @param pipeline sets up the handlers of each accepted connection
     * @throws HydraException IO_ERROR when the address cannot be bound
     */
    public static TcpListener start(String what, String host, int port, RpcEventLoops shared,
                                    Consumer<SocketChannel> pipeline) throws HydraException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        RpcEventLoops loops = shared != null ? shared : new RpcEventLoops(what.replace(' ', '-'), 1);
        TcpListener server = new TcpListener(loops, shared == null);
        ChannelFuture bound = TcpKeepAlive.onAccepted(new ServerBootstrap())
                .group(loops.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        server.accept(channel, pipeline);
                    }
                })
                .bind(host, port)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            if (shared == null) {
                loops.close();
            }
            throw new HydraException(ErrorCode.IO_ERROR, "cannot listen on " + RpcFraming.hostPort(host, port) + " ("
                    + what + "): " + bound.cause(), bound.cause());
        }
        server.listener = bound.channel();
        return server;
    }

    private void accept(SocketChannel channel, Consumer<SocketChannel> pipeline) {
        connections.add(channel);
        channel.closeFuture().addListener(f -> connections.remove(channel));
        pipeline.accept(channel);
        if (closed) {
            channel.close(); // accepted while close() ran, after its snapshot of the connections
        }
    }

    /** The port listened on (the chosen one if 0 was asked for). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops accepting, closes every connection and releases owned threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        listener.close().awaitUninterruptibly(CLOSE_WAIT_MS);
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel c : connections) {
            closing.add(c.close());
        }
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(CLOSE_WAIT_MS);
        }
        if (ownsEventLoops) {
            eventLoops.close();
        }
    }
}
