package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.net.RpcEventLoops;
import io.hydrafs.protocol.net.TcpListener;
import io.hydrafs.blockstore.storage.ReplicaStore;
import io.hydrafs.protocol.data.DataFrameCodec;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The blockstore's data port (data.proto): one TCP connection per block operation, the first
 * frame saying which (see {@link ConnectionDispatcher}). Writes relay through the pipeline
 * ({@link BlockReceiver}), reads send file regions ({@link BlockSender}), recovery steps and block
 * checksums are answered from the store ({@link SingleAnswerHandler}).
 *
 * <p>Limits: at most {@link TransferSettings#maxConnections()} connections are served (see
 * {@link ConnectionDispatcher}); TCP keepalive ({@code TcpKeepAlive}) drops connections whose
 * peer's host is gone, and with them the replica files they held.
 *
 * <p>Threads: event loops only move frames; all disk work runs on this server's disk pool
 * ({@link TransferSettings#diskThreads()} threads), each connection's tasks in order.
 *
 * <p>Lifecycle: NEW --start--> RUNNING --close--> CLOSED, and NEW --close--> CLOSED. Closing stops
 * accepting, closes every connection (writers are closed, replicas being written stay so), lets
 * queued disk tasks finish, and releases event loops the server created itself. Do not call
 * {@link #close()} from an event loop.
 */
public final class DataTransferServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataTransferServer.class);
    private static final long CLOSE_WAIT_MS = 5_000;

    private enum State { NEW, RUNNING, CLOSED }

    private final String bindHost;
    private final int requestedPort;
    private final RpcEventLoops eventLoops;
    private final boolean ownsEventLoops;
    private final ExecutorService diskPool;
    private final TransferContext context;
    private State state = State.NEW;
    private TcpListener listener;

    /**
     * A server for {@code bindHost:port} (port 0 picks a free port, see {@link #port()}) over
     * {@code store}. {@code sharedLoops} may be null: the server then creates and later closes
     * its own event loops; otherwise the caller closes them after this server.
     */
    public DataTransferServer(String bindHost, int port, ReplicaStore store, TransferSettings settings,
                              RpcEventLoops sharedLoops) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
        this.bindHost = bindHost;
        this.requestedPort = port;
        this.ownsEventLoops = sharedLoops == null;
        this.eventLoops = ownsEventLoops ? new RpcEventLoops("data-server", 2) : sharedLoops;
        this.diskPool = Executors.newFixedThreadPool(settings.diskThreads(), new DefaultThreadFactory("data-disk", true));
        this.context = new TransferContext(store, settings, diskPool, new AtomicInteger(), new AtomicInteger());
    }

    /** Binds and starts accepting. Fails with IO_ERROR if the address cannot be bound. */
    public synchronized void start() throws HydraException {
        Invariants.check(state == State.NEW, "start() of a data transfer server that is %s", state);
        listener = TcpListener.start("data transfer", bindHost, requestedPort, eventLoops, this::accept);
        state = State.RUNNING;
        LOG.info("data transfer server listening on {}:{}", bindHost, listener.port());
    }

    private void accept(SocketChannel channel) {
        context.openConnections().incrementAndGet();
        channel.closeFuture().addListener(f -> context.openConnections().decrementAndGet());
        DataFrameCodec.install(channel.pipeline(), context.settings().maxFrameBytes());
        channel.pipeline().addLast("dispatch", new ConnectionDispatcher(context));
    }

    /** The port listened on (the chosen one if 0 was asked for). Only while running. */
    public synchronized int port() {
        Invariants.check(state == State.RUNNING, "port() of a data transfer server that is %s", state);
        return listener.port();
    }

    /** Block writes and reads being served now (for heartbeats' xceiver count). */
    public int transfersInProgress() {
        return context.transfersInProgress().get();
    }

    /** Data connections open now, whatever they are doing (checked against the settings' maximum). */
    public int connectionsOpen() {
        return context.openConnections().get();
    }

    /** Stops accepting, closes every connection, drains the disk pool, releases owned loops. Idempotent. */
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
        if (toClose != null) {
            toClose.close();
        }
        diskPool.shutdown();
        try {
            if (!diskPool.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("disk tasks still running {} ms after close; interrupting them", CLOSE_WAIT_MS);
                diskPool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            diskPool.shutdownNow();
        }
        if (ownsEventLoops) {
            eventLoops.close();
        }
        LOG.info("data transfer server {} closed", toClose == null ? "(never started)" : bindHost + ":" + toClose.port());
    }
}
