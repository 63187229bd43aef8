package io.hydrafs.protocol.http;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcEventLoops;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small HTTP/1.1 server for operators and monitoring: metrics, health and status pages as
 * {@link StatusRoutes} defines them. It is not a general web server: GET only, request bodies up
 * to {@value #MAX_REQUEST_BYTES} bytes, idle connections closed after
 * {@value #IDLE_TIMEOUT_SECONDS} s, and a malformed request is answered 400 and its connection
 * closed. Pages render on the I/O thread, so every page must be cheap and non-blocking.
 *
 * <p>Lifecycle: {@link #start} binds (port 0 picks a free port, see {@link #port()}),
 * {@link #close()} stops accepting, closes open connections and releases the I/O threads if the
 * server created them. Threads: given an {@link RpcEventLoops}, the server shares it (and does not
 * close it); given none, it runs one private I/O thread.
 */
public final class StatusHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatusHttpServer.class);
    static final int MAX_REQUEST_BYTES = 64 * 1024;
    static final int IDLE_TIMEOUT_SECONDS = 60;
    private static final long CLOSE_WAIT_MS = 5_000;

    private final RpcEventLoops eventLoops;
    private final boolean ownsEventLoops;
    private final Channel listener;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private StatusHttpServer(RpcEventLoops eventLoops, boolean ownsEventLoops, String host, int port,
                             StatusRoutes routes) throws HydraException {
        this.eventLoops = eventLoops;
        this.ownsEventLoops = ownsEventLoops;
        ChannelFuture bound = new ServerBootstrap()
                .group(eventLoops.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accept(channel, routes);
                    }
                })
                .bind(host, port)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot serve HTTP on " + host + ":" + port + ": "
                    + bound.cause(), bound.cause());
        }
        this.listener = bound.channel();
    }

    /**
     * Starts serving {@code routes} on {@code host:port} (0 = any free port).
     *
     * @param shared I/O threads to run on, or {@code null} for a private thread
     * @throws HydraException IO_ERROR when the address cannot be bound
     */
    public static StatusHttpServer start(String host, int port, StatusRoutes routes, RpcEventLoops shared)
            throws HydraException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        RpcEventLoops loops = shared != null ? shared : new RpcEventLoops("status-http", 1);
        try {
            StatusHttpServer server = new StatusHttpServer(loops, shared == null, host, port, routes);
            LOG.info("status HTTP server listening on {}:{}", host, server.port());
            return server;
        } catch (HydraException | RuntimeException e) {
            if (shared == null) {
                loops.close();
            }
            throw e;
        }
    }

    private void accept(SocketChannel channel, StatusRoutes routes) {
        connections.add(channel);
        channel.closeFuture().addListener(f -> connections.remove(channel));
        channel.pipeline()
                .addLast("idle", new ReadTimeoutHandler(IDLE_TIMEOUT_SECONDS))
                .addLast("codec", new HttpServerCodec())
                .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast("status", new StatusRequestHandler(routes));
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
