package io.hydrafs.protocol.net;

import io.hydrafs.protocol.config.HydraConfig;

/** How a {@link NettyRpcClient} behaves. Immutable: each {@code with...} returns a changed copy. */
public final class RpcClientOptions {
    private final int maxFrameBytes;
    private final long callTimeoutMs;
    private final int connectTimeoutMs;
    private final RpcEventLoops eventLoops;

    private RpcClientOptions(int maxFrameBytes, long callTimeoutMs, int connectTimeoutMs,
                             RpcEventLoops eventLoops) {
        if (callTimeoutMs < 1 || connectTimeoutMs < 1) {
            throw new IllegalArgumentException("timeouts must be positive: call " + callTimeoutMs
                    + " ms, connect " + connectTimeoutMs + " ms");
        }
        this.maxFrameBytes = RpcConfigKeys.checkFrameLimit(maxFrameBytes);
        this.callTimeoutMs = callTimeoutMs;
        this.connectTimeoutMs = connectTimeoutMs;
        this.eventLoops = eventLoops;
    }

    public static RpcClientOptions defaults() {
        return fromConfig(HydraConfig.empty());
    }

    public static RpcClientOptions fromConfig(HydraConfig config) {
        return new RpcClientOptions(config.get(RpcConfigKeys.MAX_FRAME_BYTES),
                config.get(RpcConfigKeys.CALL_TIMEOUT_MS), config.get(RpcConfigKeys.CONNECT_TIMEOUT_MS), null);
    }

    /** Largest request sent and response accepted, excluding the 4-byte length prefix. */
    public RpcClientOptions withMaxFrameBytes(int maxFrameBytes) {
        return new RpcClientOptions(maxFrameBytes, callTimeoutMs, connectTimeoutMs, eventLoops);
    }

    public RpcClientOptions withCallTimeoutMs(long callTimeoutMs) {
        return new RpcClientOptions(maxFrameBytes, callTimeoutMs, connectTimeoutMs, eventLoops);
    }

    public RpcClientOptions withConnectTimeoutMs(int connectTimeoutMs) {
        return new RpcClientOptions(maxFrameBytes, callTimeoutMs, connectTimeoutMs, eventLoops);
    }

    /** Shared I/O threads; the client then does not close them. */
    public RpcClientOptions withEventLoops(RpcEventLoops eventLoops) {
        return new RpcClientOptions(maxFrameBytes, callTimeoutMs, connectTimeoutMs, eventLoops);
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public long callTimeoutMs() {
        return callTimeoutMs;
    }

    public int connectTimeoutMs() {
        return connectTimeoutMs;
    }

    /** May be null: the client owns a private one-thread event loop. */
    public RpcEventLoops eventLoops() {
        return eventLoops;
    }
}
