package io.hydrafs.compute.shuffle;

import io.hydrafs.protocol.net.RpcEventLoops;
import io.hydrafs.protocol.net.TcpKeepAlive;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.ReadTimeoutHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A reducer's side of the shuffle: fetches partition segments from other workers'
 * {@link ShuffleServer}s into local run files, at most {@code maxParallelFetches} at a time
 * (more wait in FIFO order). Each fetch is one HTTP GET on its own connection.
 *
 * <p>A fetch succeeds only with the whole segment in its target, of the announced length and
 * CRC32C; otherwise it fails with a {@link ShuffleFetchException} and the target is deleted.
 * A connection on which nothing arrives for the stall timeout fails (so a hung worker cannot
 * hang a reducer).
 *
 * <p>Threads: the fetcher owns its I/O threads, which also write the targets (so a slow disk
 * slows fetches, not the worker's RPC). Futures complete on those threads: dependent stages
 * that block must use the {@code ...Async} variants. {@link #close()} fails queued and
 * running fetches and stops the threads; do not call it from a completion stage.
 */
public final class ShuffleFetcher implements AutoCloseable {
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_IO_THREADS = 2;

    private final long stallTimeoutMillis;
    private final RpcEventLoops eventLoops;
    private final FetchQueue<SegmentFetch> queue;
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public ShuffleFetcher(int maxParallelFetches) {
        this(maxParallelFetches, DEFAULT_STALL_TIMEOUT);
    }

    /** @param stallTimeout how long a connection may stay silent (also the connect timeout) */
    public ShuffleFetcher(int maxParallelFetches, Duration stallTimeout) {
        if (stallTimeout.isNegative() || stallTimeout.isZero()) {
            throw new IllegalArgumentException("stall timeout must be positive: " + stallTimeout);
        }
        this.queue = new FetchQueue<>(maxParallelFetches, this::start);
        this.stallTimeoutMillis = stallTimeout.toMillis();
        this.eventLoops = new RpcEventLoops("shuffle-fetch", Math.min(maxParallelFetches, MAX_IO_THREADS));
    }

    /**
     * Fetches partition {@code partition} of that map output into {@code target} (a run file of
     * that one partition, readable with {@code new RunReader(target, 0, size)}; its directory is
     * created if needed, an existing file replaced). Completes with the byte count, or
     * exceptionally with {@link ShuffleFetchException}.
     */
    public CompletableFuture<Long> fetch(MapOutputLocation location, int partition, Path target) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(target, "target");
        SegmentFetch fetch = new SegmentFetch(location, partition, target);
        if (!SegmentRequest.isValidJobId(location.jobId()) || location.mapIndex() < 0 || location.attempt() < 0
                || partition < 0) {
            fetch.fail("not a valid segment address", false, null);
        } else if (closed) {
            fetch.fail("the fetcher is closed", false, null);
        } else {
            queue.submit(fetch);
        }
        return fetch.result;
    }

    /** Fetches running now (for tests and metrics). */
    public int activeFetches() {
        return queue.active();
    }

    /** The most fetches that ever ran at once (for tests and metrics). */
    public int peakActiveFetches() {
        return queue.peakActive();
    }

    private void start(SegmentFetch fetch) {
        fetch.result.whenComplete((bytes, error) -> queue.finished());
        if (closed) {
            fetch.fail("the fetcher is closed", false, null);
            return;
        }
        ChannelFuture connected = TcpKeepAlive.on(new Bootstrap())
                .group(eventLoops.group())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, stallTimeoutMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast("stall", new ReadTimeoutHandler(stallTimeoutMillis, TimeUnit.MILLISECONDS))
                                .addLast("codec", new HttpClientCodec())
                                .addLast("segment", new SegmentFetchHandler(fetch, stallTimeoutMillis));
                    }
                })
                .connect(fetch.location.host(), fetch.location.port());
        Channel channel = connected.channel();
        connections.add(channel);
        channel.closeFuture().addListener(f -> connections.remove(channel));
        if (closed) {
            channel.close(); // started while close() ran, after its snapshot of the connections
        }
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                fetch.fail("cannot connect: " + f.cause(), false, f.cause());
                return;
            }
            DefaultFullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    fetch.request().toUri());
            request.headers()
                    .set(HttpHeaderNames.HOST, fetch.location.host() + ":" + fetch.location.port())
                    .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            channel.writeAndFlush(request).addListener(w -> {
                if (!w.isSuccess()) {
                    fetch.fail("cannot send the request: " + w.cause(), false, w.cause());
                    channel.close();
                }
            });
        });
    }

    /** Fails queued and running fetches (their targets are removed) and stops the I/O threads. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (SegmentFetch waiting : queue.drainWaiting()) {
            waiting.fail("the fetcher is closed", false, null);
        }
        List<ChannelFuture> closing = new ArrayList<>();
        for (Channel c : connections) {
            closing.add(c.close());
        }
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(5_000);
        }
        eventLoops.close();
    }
}
