package io.hydrafs.protocol.net;

import com.codahale.metrics.MetricRegistry;
import io.hydrafs.protocol.config.HydraConfig;

import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * How an {@link RpcServer} behaves. Immutable: each {@code with...} returns a changed copy.
 * Every optional part defaults to "none" (null).
 */
public final class RpcServerOptions {
    private final int maxFrameBytes;
    private final int maxCallsPerConnection;
    private final MetricRegistry metrics;
    private final LongSupplier appliedIndex;
    private final Executor handlerExecutor;
    private final RpcEventLoops eventLoops;

    private RpcServerOptions(int maxFrameBytes, int maxCallsPerConnection, MetricRegistry metrics,
                             LongSupplier appliedIndex, Executor handlerExecutor, RpcEventLoops eventLoops) {
        this.maxFrameBytes = RpcConfigKeys.checkFrameLimit(maxFrameBytes);
        if (maxCallsPerConnection < 1) {
            throw new IllegalArgumentException("max calls per connection must be positive: " + maxCallsPerConnection);
        }
        this.maxCallsPerConnection = maxCallsPerConnection;
        this.metrics = metrics;
        this.appliedIndex = appliedIndex;
        this.handlerExecutor = handlerExecutor;
        this.eventLoops = eventLoops;
    }

    public static RpcServerOptions defaults() {
        return fromConfig(HydraConfig.empty());
    }

    public static RpcServerOptions fromConfig(HydraConfig config) {
        return new RpcServerOptions(config.get(RpcConfigKeys.MAX_FRAME_BYTES),
                config.get(RpcConfigKeys.MAX_CALLS_PER_CONNECTION), null, null, null, null);
    }

    /** Largest request accepted and response sent, excluding the 4-byte length prefix. */
    public RpcServerOptions withMaxFrameBytes(int maxFrameBytes) {
        return new RpcServerOptions(maxFrameBytes, maxCallsPerConnection, metrics, appliedIndex, handlerExecutor, eventLoops);
    }

    /** Calls of one connection running or holding unsent answers at once; see {@link RpcConfigKeys#MAX_CALLS_PER_CONNECTION}. */
    public RpcServerOptions withMaxCallsPerConnection(int maxCalls) {
        return new RpcServerOptions(maxFrameBytes, maxCalls, metrics, appliedIndex, handlerExecutor, eventLoops);
    }

    /** Where to record {@code rpc.server.<method>} timers and {@code rpc.server.errors.<CODE>} meters. */
    public RpcServerOptions withMetrics(MetricRegistry metrics) {
        return new RpcServerOptions(maxFrameBytes, maxCallsPerConnection, metrics, appliedIndex, handlerExecutor, eventLoops);
    }

    /** Read when each response is built and stamped into its {@code applied_index}. */
    public RpcServerOptions withAppliedIndex(LongSupplier appliedIndex) {
        return new RpcServerOptions(maxFrameBytes, maxCallsPerConnection, metrics, appliedIndex, handlerExecutor, eventLoops);
    }

    /**
     * Runs handlers on this executor instead of the I/O thread, for services whose handlers
     * cannot avoid short blocking work. The caller owns (and shuts down) the executor.
     */
    public RpcServerOptions withHandlerExecutor(Executor handlerExecutor) {
        return new RpcServerOptions(maxFrameBytes, maxCallsPerConnection, metrics, appliedIndex, handlerExecutor, eventLoops);
    }

    /** Shared I/O threads; the server then does not close them. */
    public RpcServerOptions withEventLoops(RpcEventLoops eventLoops) {
        return new RpcServerOptions(maxFrameBytes, maxCallsPerConnection, metrics, appliedIndex, handlerExecutor, eventLoops);
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public int maxCallsPerConnection() {
        return maxCallsPerConnection;
    }

    /** May be null: no metrics. */
    public MetricRegistry metrics() {
        return metrics;
    }

    /** May be null: responses carry applied_index 0. */
    public LongSupplier appliedIndex() {
        return appliedIndex;
    }

    /** May be null: handlers run on the I/O thread. */
    public Executor handlerExecutor() {
        return handlerExecutor;
    }

    /** May be null: the server owns private event loops. */
    public RpcEventLoops eventLoops() {
        return eventLoops;
    }
}
