package io.hydrafs.blockstore.transfer;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The I/O threads of the data transfer server and of the blockstore's transfer clients: one NIO
 * event loop group of daemon threads (the same approach as the RPC layer's {@code RpcEventLoops},
 * whose group is not visible outside its package).
 *
 * <p>Ownership: whoever creates an instance closes it, after the servers and clients using it.
 * Handlers on these threads never touch the disk: disk work runs on the server's disk pool.
 */
public final class TransferEventLoops implements AutoCloseable {
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final MultiThreadIoEventLoopGroup group;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A group of {@code threads} daemon threads named {@code name-N-M}. */
    public TransferEventLoops(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("an event loop group needs at least one thread: " + threads);
        }
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                NioIoHandler.newFactory());
    }

    public EventLoopGroup group() {
        return group;
    }

    /** Stops the threads and waits (a few seconds at most) for them to end. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        var termination = group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return; // waiting would wait for ourselves
            }
        }
        termination.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS + 1_000);
    }
}
