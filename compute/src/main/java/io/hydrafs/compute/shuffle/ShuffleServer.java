package io.hydrafs.compute.shuffle;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcEventLoops;
import io.hydrafs.protocol.net.TcpListener;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final TcpListener listener;

    private ShuffleServer(TcpListener listener) {
        this.listener = listener;
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
        ShuffleServer server = new ShuffleServer(TcpListener.start("shuffle server", bindHost, port, shared,
                channel -> channel.pipeline()
                        .addLast("idle", new IdleStateHandler(true, 0, 0, IDLE_TIMEOUT_SECONDS, TimeUnit.SECONDS))
                        .addLast("codec", new HttpServerCodec())
                        .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast("segments", new SegmentRequestHandler(store))));
        LOG.info("shuffle server listening on {}:{}", bindHost, server.port());
        return server;
    }

    /** The port listened on (the chosen one if 0 was asked for). */
    public int port() {
        return listener.port();
    }

    /** Stops accepting, closes every connection and releases owned threads. Idempotent. */
    @Override
    public void close() {
        listener.close();
    }
}
