package io.hydrafs.compute.shuffle;

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
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Serves the partition segments of a worker's map outputs over HTTP/1.1 (see
 * {@link SegmentRequest} for the URI): {@code 200} with the segment's bytes sent zero-copy
 * from the file and its CRC32C in {@value SegmentChecksums#HEADER}; {@code 404} for an output
 * the {@link MapOutputStore} does not hold; {@code 400} for a malformed request; {@code 405}
 * for anything but GET. Every answer says why in a plain-text body; the server keeps serving.
 *
 * <p>Connections idle (nothing read or written) for {@value #IDLE_TIMEOUT_SECONDS} s are
 * closed; a send in progress is not idle however long it takes.
 *
 * <p>Lifecycle: {@link #start} binds (port 0 picks a free port), {@link #close()} stops
 * accepting, closes open connections (fetches in flight fail on the client side) and
 * releases the I/O threads if the server created them. Threads: handlers only look up the
 * registry and open a file, so they run on the I/O threads.
 */
public final class ShuffleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShuffleServer.class);
    static final int IDLE_TIMEOUT_SECONDS = 120;
    private static final int MAX_REQUEST_BYTES = 8 * 1024;
    private static final long CLOSE_WAIT_MS = 5_000;

    private final RpcEventLoops eventLoops;
    private final boolean ownsEventLoops;
    private final Channel listener;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ShuffleServer(RpcEventLoops eventLoops, boolean ownsEventLoops, String host, int port,
                          MapOutputStore store) throws HydraException {
        this.eventLoops = eventLoops;
        this.ownsEventLoops = ownsEventLoops;
        ChannelFuture bound = new ServerBootstrap()
                .group(eventLoops.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accept(channel, store);
                    }
                })
                .bind(host, port)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot serve map outputs on " + host + ":" + port + ": "
                    + bound.cause(), bound.cause());
        }
        this.listener = bound.channel();
    }

    /** Starts serving {@code store} on {@code bindHost:port} (0 = any free port) with a private I/O thread. */
    public static ShuffleServer start(String bindHost, int port, MapOutputStore store) throws HydraException {
        return start(bindHost, port, store, null);
    }

    /**
     * Starts serving {@code store} on {@code bindHost:port} (0 = any free port).
     *
     * @param shared I/O threads to run on (closed by the caller, after this server), or
     *               {@code null} for a private one
     * @throws HydraException IO_ERROR when the address cannot be bound
     */
    public static ShuffleServer start(String bindHost, int port, MapOutputStore store, RpcEventLoops shared)
            throws HydraException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        RpcEventLoops loops = shared != null ? shared : new RpcEventLoops("shuffle-server", 1);
        try {
            ShuffleServer server = new ShuffleServer(loops, shared == null, bindHost, port, store);
            LOG.info("shuffle server listening on {}:{}", bindHost, server.port());
            return server;
        } catch (HydraException | RuntimeException e) {
            if (shared == null) {
                loops.close();
            }
            throw e;
        }
    }

    private void accept(SocketChannel channel, MapOutputStore store) {
        connections.add(channel);
        channel.closeFuture().addListener(f -> connections.remove(channel));
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(true, 0, 0, IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                .addLast("codec", new HttpServerCodec())
                .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                .addLast("segments", new SegmentRequestHandler(store));
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
