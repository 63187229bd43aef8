package io.hydrafs.protocol.http;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcEventLoops;
import io.hydrafs.protocol.net.TcpListener;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

    private final TcpListener listener;

    private StatusHttpServer(TcpListener listener) {
        this.listener = listener;
    }

    /**
     * Starts serving {@code routes} on {@code host:port} (0 = any free port).
     *
     * @param shared I/O threads to run on, or {@code null} for a private thread
     * @throws HydraException IO_ERROR when the address cannot be bound
     */
    public static StatusHttpServer start(String host, int port, StatusRoutes routes, RpcEventLoops shared)
            throws HydraException {
        StatusHttpServer server = new StatusHttpServer(TcpListener.start("status HTTP", host, port, shared,
                channel -> channel.pipeline()
                        .addLast("idle", new ReadTimeoutHandler(IDLE_TIMEOUT_SECONDS))
                        .addLast("codec", new HttpServerCodec())
                        .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast("status", new StatusRequestHandler(routes))));
        LOG.info("status HTTP server listening on {}:{}", host, server.port());
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
