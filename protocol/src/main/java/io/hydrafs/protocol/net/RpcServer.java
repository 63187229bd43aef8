package io.hydrafs.protocol.net;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.netty.channel.socket.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


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

    private enum State { NEW, RUNNING, CLOSED }

    private final String bindHost;
    private final int requestedPort;
    private final RpcServerOptions options;
    private final RpcEventLoops eventLoops;
    private final boolean ownsEventLoops;
    private final RpcDispatcher dispatcher;
    private State state = State.NEW;
    private TcpListener listener;

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
        listener = TcpListener.start("RPC", bindHost, requestedPort, eventLoops, this::accept);
        state = State.RUNNING;
        LOG.info("RPC server listening on {}", RpcFraming.hostPort(bindHost, listener.port()));
    }

    private void accept(SocketChannel channel) {
        RpcFraming.install(channel.pipeline(), options.maxFrameBytes());
        channel.pipeline().addLast("rpc", new ServerConnection(dispatcher, options.maxCallsPerConnection()));
    }

    /** The port listened on (the chosen one if 0 was asked for). Only while running. */
    public synchronized int port() {
        Invariants.check(state == State.RUNNING, "port() of an RPC server that is %s", state);
        return listener.port();
    }

    /** Stops accepting, closes every connection and releases owned I/O threads. Idempotent. */
    @Override
    public void close() {
        TcpListener toClose;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            toClose = listener;
        }
        dispatcher.shutDown();
        if (toClose != null) {
            toClose.close();
        }
        if (ownsEventLoops) {
            eventLoops.close();
        }
        if (toClose != null) {
            LOG.info("RPC server on {} closed", RpcFraming.hostPort(bindHost, toClose.port()));
        }
    }
}
