package io.hydrafs.protocol.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The I/O threads of the RPC layer: one NIO event loop group (native epoll is not used) with
 * daemon threads, so a forgotten group never keeps a JVM alive.
 *
 * <p>Ownership: whoever creates an instance closes it. Pass one instance in the options of
 * several servers and clients to share its threads (a process needs few: the machines have
 * few cores and handlers never block); a server or client given none creates a private one
 * and closes it with itself. Closing a shared group while its users are still open breaks
 * their connections, so close the users first.
 */
public final class RpcEventLoops implements AutoCloseable {
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final MultiThreadIoEventLoopGroup group;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A group of {@code threads} daemon threads named {@code name-N-M}. */
    public RpcEventLoops(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("an event loop group needs at least one thread: " + threads);
        }
        this.group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true),
                NioIoHandler.newFactory());
    }

    /** A group with the default thread count ({@link RpcConfigKeys#IO_THREADS}). */
    public static RpcEventLoops create(String name) {
        return new RpcEventLoops(name, RpcConfigKeys.IO_THREADS.defaultValue());
    }

    /** The Netty group, for other protocols on the same threads (e.g. the data transfer client). */
    public EventLoopGroup group() {
        return group;
    }

    /**
     * Stops the threads and waits (a few seconds at most) for them to end. Idempotent. Called
     * from one of its own threads it does not wait, since that would wait for itself.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        var termination = group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return;
            }
        }
        termination.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS + 1_000);
    }
}
