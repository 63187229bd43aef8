package io.hydrafs.client.net;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.net.RpcChannel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most one live {@link RpcChannel} per server address, shared by every thread of a client
 * (a channel multiplexes concurrent calls, so one connection per server is enough).
 *
 * <p>A channel cannot be reused once broken, so {@link #get} replaces a channel that reports
 * itself inactive, and callers {@link #discard} a channel that failed a call with
 * CONNECTION_FAILED even if it has not noticed yet. Opening is serialized per address: when a
 * server is down, one thread waits for the failed connect instead of every caller opening its
 * own connection; other addresses are not blocked. After {@link #close()} every channel is
 * closed and {@code get} fails.
 */
public final class ChannelPool implements AutoCloseable {
    private final ChannelFactory factory;
    private final Map<String, RpcChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, Object> openLocks = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ChannelPool(ChannelFactory factory) {
        this.factory = factory;
    }

    /**
     * The live channel to {@code address}, opened now if there is none.
     *
     * @throws HydraException CONNECTION_FAILED if the factory could not open it, IO_ERROR if
     *                        this pool is closed
     */
    public RpcChannel get(String address) throws HydraException {
        RpcChannel current = channels.get(address);
        if (current != null && current.isActive()) {
            return current;
        }
        synchronized (openLocks.computeIfAbsent(address, a -> new Object())) {
            checkOpen();
            current = channels.get(address);
            if (current != null && current.isActive()) {
                return current;
            }
            if (current != null) {
                channels.remove(address, current);
                current.close();
            }
            RpcChannel fresh = open(address);
            channels.put(address, fresh);
            if (closed) {
                // close() ran while we were connecting and may have missed this channel
                channels.remove(address, fresh);
                fresh.close();
                checkOpen();
            }
            return fresh;
        }
    }

    /** Drops {@code channel} if it is still the pool's channel to {@code address}, and closes it. */
    public void discard(String address, RpcChannel channel) {
        channels.remove(address, channel);
        channel.close();
    }

    @Override
    public void close() {
        closed = true;
        for (String address : channels.keySet()) {
            RpcChannel channel = channels.remove(address);
            if (channel != null) {
                channel.close();
            }
        }
    }

    private RpcChannel open(String address) throws HydraException {
        RpcChannel channel;
        try {
            channel = factory.open(address);
        } catch (RuntimeException e) {
            // e.g. UnresolvedAddressException from NIO: the environment, not a bug of ours
            throw new HydraException(ErrorCode.CONNECTION_FAILED, "cannot connect to " + address + ": " + e, e);
        }
        Invariants.check(channel != null, "channel factory returned null for %s", address);
        return channel;
    }

    private void checkOpen() throws HydraException {
        if (closed) {
            throw new HydraException(ErrorCode.IO_ERROR, "client is closed");
        }
    }
}
