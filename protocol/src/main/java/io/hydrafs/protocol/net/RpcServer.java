package io.hydrafs.protocol.net;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves registered {@link RpcHandler}s on one TCP port. Each connection carries many calls at
 * once; handlers are invoked on the connection's I/O thread (or on the executor of
 * {@link RpcServerOptions#withHandlerExecutor}) and may complete in any order.
 *
 * <p>Lifecycle: NEW --start--> RUNNING --close--> CLOSED, and NEW --close--> CLOSED. Methods
 * may be registered at any time; a call to a method not (yet) registered is answered
 * UNKNOWN_METHOD. {@link #close()} stops accepting, answers calls that arrive meanwhile with
 * SERVER_SHUTTING_DOWN and closes every connection; calls still running then fail on their
 * clients with CONNECTION_FAILED, which (unlike SERVER_SHUTTING_DOWN) does not claim the call
 * did not run. Do not call {@code close()} from a handler or I/O thread: it waits for them.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
    private static final long CLOSE_WAIT_MS = 5_000;

    private enum State { NEW, RUNNING, CLOSED }

    private final String bindHost;
    private final int requestedPort;
    private final RpcServerOptions options;
    private final RpcEventLoops eventLoops;
    private final boolean ownsEventLoops;
    private final RpcDispatcher dispatcher;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private State state = State.NEW;
    private Channel listener;

    /** A server for {@code bindHost:port}; port 0 picks a free port, see {@link #port()}. */
    public RpcServer(String bindHost, int port, RpcServerOptions options) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        this.bindHost = bindHost;
        this.requestedPort = port;
        this.options = options;
        this.ownsEventLoops = options.eventLoops() == null;
        this.eventLoops = ownsEventLoops ? RpcEventLoops.create("rpc-server") : options.eventLoops();
        this.dispatcher = new RpcDispatcher(options.maxFrameBytes(), new RpcMetrics(options.metrics()),
                options.appliedIndex(), options.handlerExecutor());
    }

    /** Serves {@code method} with {@code handler}; a method is registered once. */
    public void register(String method, RpcHandler handler) {
        dispatcher.register(method, handler);
    }

    /** Binds and starts accepting connections. Fails with IO_ERROR if the address cannot be bound. */
    public synchronized void start() throws HydraException {
        Invariants.check(state == State.NEW, "start() of an RPC server that is %s", state);
        ChannelFuture bound = new ServerBootstrap()
                .group(eventLoops.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accept(channel);
                    }
                })
                .bind(bindHost, requestedPort)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot listen on "
                    + RpcFraming.hostPort(bindHost, requestedPort) + ": " + bound.cause(), bound.cause());
        }
        listener = bound.channel();
        state = State.RUNNING;
        LOG.info("RPC server listening on {}", RpcFraming.describe(listener.localAddress()));
    }

    private void accept(SocketChannel channel) {
        connections.add(channel);
        channel.closeFuture().addListener(f -> connections.remove(channel));
        RpcFraming.install(channel.pipeline(), options.maxFrameBytes());
        channel.pipeline().addLast("rpc", new ServerConnection(dispatcher));
        if (isClosed()) {
            // accepted while close() was running, after it took its snapshot of connections
            channel.close();
        }
    }

    private synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    /** The port listened on (the chosen one if 0 was asked for). Only while running. */
    public synchronized int port() {
        Invariants.check(state == State.RUNNING, "port() of an RPC server that is %s", state);
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops accepting, closes every connection and releases owned I/O threads. Idempotent. */
    @Override
    public void close() {
        Channel toUnbind;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            toUnbind = listener;
        }
        dispatcher.shutDown();
        if (toUnbind != null) {
            toUnbind.close().awaitUninterruptibly(CLOSE_WAIT_MS);
        }
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel connection : connections) {
            closing.add(connection.close());
        }
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(CLOSE_WAIT_MS);
        }
        if (ownsEventLoops) {
            eventLoops.close();
        }
        if (toUnbind != null) {
            LOG.info("RPC server on {} closed", RpcFraming.describe(toUnbind.localAddress()));
        }
    }
}
