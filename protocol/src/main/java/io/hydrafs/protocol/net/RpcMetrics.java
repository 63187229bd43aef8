package io.hydrafs.protocol.net;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import io.hydrafs.protocol.error.ErrorCode;

import java.util.concurrent.TimeUnit;

/**
 * Server-side RPC metrics: a Timer per registered method ({@code rpc.server.<method>}: call
 * count and latency from request decoded to response built) and a Meter per error code
 * ({@code rpc.server.errors.<CODE>}). Unknown method names come from the network, so they
 * are never turned into metric names (that would let a client grow the registry without
 * bound); they only count as UNKNOWN_METHOD errors. Without a registry every call is a no-op.
 */
public final class RpcMetrics {
    private final MetricRegistry registry;

    RpcMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    public static String timerName(String method) {
        return "rpc.server." + method;
    }

    public static String errorMeterName(ErrorCode code) {
        return "rpc.server.errors." + code.name();
    }

    /** Starts timing one call of a registered method; returns the clock reading to pass to {@link #callEnded}. */
    long callStarted() {
        return registry == null ? 0 : System.nanoTime();
    }

    void callEnded(String method, long startNanos) {
        if (registry != null) {
            Timer timer = registry.timer(timerName(method));
            timer.update(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }

    void error(ErrorCode code) {
        if (registry != null) {
            registry.meter(errorMeterName(code)).mark();
        }
    }
}
