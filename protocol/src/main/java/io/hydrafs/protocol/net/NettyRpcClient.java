package io.hydrafs.protocol.net;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.rpc.RpcRequest;
import io.hydrafs.protocol.rpc.RpcResponse;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link RpcChannel} over one TCP connection to one server, opened at construction without
 * waiting: calls made before it is up are sent once it is. All calls share the connection and
 * are told apart by call id, which must be unique among this channel's outstanding calls and
 * never 0 (0 is how the server labels errors about the connection itself).
 *
 * <p>A channel never reconnects. Once its connection fails to open or breaks, every
 * outstanding and later call fails with CONNECTION_FAILED and {@link #isActive()} is false;
 * the owner closes it and creates a new channel to reconnect (and decides whether to retry,
 * knowing the failed calls may or may not have run). Each call also fails with TIMEOUT if no
 * answer comes within the call timeout; a timeout does not break the connection.
 *
 * <p>A request larger than the frame limit fails with FRAME_TOO_LARGE without being sent; one
 * within it but over the server's limit is answered FRAME_TOO_LARGE by the server, and an
 * answer over the limit fails its call with FRAME_TOO_LARGE; neither breaks the connection.
 * Thread-safe: calls may be made from any thread. Returned futures usually complete on the
 * connection's I/O thread, so stages chained on them must not block (use the {@code ...Async}
 * variants with an executor for slow work), or every call on the shared loop stalls.
 */
public final class NettyRpcClient implements RpcChannel {
    private static final long CLOSE_WAIT_MS = 5_000;

    private final String remoteAddress;
    private final RpcClientOptions options;
    private final RpcEventLoops eventLoops;
    private final boolean ownsEventLoops;
    private final EventLoop loop;
    private final OutstandingCalls calls = new OutstandingCalls();
    private final ChannelFuture connect;
    private final AtomicBoolean closed = new AtomicBoolean();

    public NettyRpcClient(String host, int port, RpcClientOptions options) {
        this.remoteAddress = RpcFraming.hostPort(host, port);
        this.options = options;
        this.ownsEventLoops = options.eventLoops() == null;
        this.eventLoops = ownsEventLoops ? new RpcEventLoops("rpc-client", 1) : options.eventLoops();
        // One loop for the connection and its call timers: a call's I/O and its timeout never race across threads.
        this.loop = eventLoops.group().next();
        this.connect = TcpKeepAlive.on(new Bootstrap())
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, options.connectTimeoutMs())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        RpcFraming.install(channel.pipeline(), options.maxFrameBytes());
                        channel.pipeline().addLast("rpc", new ClientConnection(calls, why -> connectionLost(why)));
                    }
                })
                .connect(host, port);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                connectionLost("could not connect: " + f.cause());
            }
        });
        connect.channel().closeFuture().addListener(f -> connectionLost("connection closed"));
    }

    @Override
    public CompletableFuture<RpcResponse> call(RpcRequest request) {
        long callId = request.getCallId();
        Invariants.check(callId != 0, "call id 0 is reserved for errors about the connection itself");
        CompletableFuture<RpcResponse> future = new CompletableFuture<>();
        int size = request.getSerializedSize();
        if (size > options.maxFrameBytes()) {
            future.completeExceptionally(new HydraException(ErrorCode.FRAME_TOO_LARGE, "request of " + size
                    + " bytes for " + request.getMethod() + " exceeds the limit of " + options.maxFrameBytes()));
            return future;
        }
        calls.add(callId, future);
        // A caller that cancels (its own deadline passed) must not leave the id behind.
        future.whenComplete((response, failure) -> calls.forget(callId, future));
        if (future.isDone()) {
            return future;
        }
        scheduleTimeout(request, future);
        if (connect.isSuccess()) {
            send(connect.channel(), request);
        } else {
            // still connecting; if that fails, connectionLost fails this call. A call that timed
            // out or was cancelled meanwhile is not sent: its caller was told it failed, and a
            // mutation must not run after that (nor a burst of stale calls hit the server).
            connect.addListener(f -> {
                if (f.isSuccess() && !future.isDone()) {
                    send(connect.channel(), request);
                }
            });
        }
        return future;
    }

    private void scheduleTimeout(RpcRequest request, CompletableFuture<RpcResponse> future) {
        long timeoutMs = options.callTimeoutMs();
        ScheduledFuture<?> timer;
        try {
            timer = loop.schedule(() -> calls.fail(request.getCallId(), new HydraException(ErrorCode.TIMEOUT,
                    "no answer to call " + request.getCallId() + " (" + request.getMethod() + ") from "
                            + remoteAddress + " within " + timeoutMs + " ms")), timeoutMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // the event loops are shutting down: this channel has no future
            calls.fail(request.getCallId(), connectionFailed("I/O threads are shut down"));
            return;
        }
        future.whenComplete((response, failure) -> timer.cancel(false));
    }

    private void send(Channel channel, RpcRequest request) {
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                calls.fail(request.getCallId(), new HydraException(ErrorCode.CONNECTION_FAILED,
                        "could not send call " + request.getCallId() + " to " + remoteAddress + ": " + f.cause(),
                        f.cause()));
            }
        });
    }

    private void connectionLost(String why) {
        calls.failAll(connectionFailed(why));
    }

    private HydraException connectionFailed(String why) {
        return new HydraException(ErrorCode.CONNECTION_FAILED, "connection to " + remoteAddress + ": " + why);
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean isActive() {
        return calls.deathCause() == null;
    }

    /** Fails outstanding calls with CONNECTION_FAILED, closes the connection and owned I/O threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        connectionLost("channel closed by its owner");
        ChannelFuture closing = connect.channel().close();
        if (ownsEventLoops) {
            eventLoops.close();
        } else if (!loop.inEventLoop()) {
            closing.awaitUninterruptibly(CLOSE_WAIT_MS);
        }
    }
}
