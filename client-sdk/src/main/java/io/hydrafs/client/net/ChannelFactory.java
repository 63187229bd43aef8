package io.hydrafs.client.net;

import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcChannel;

/**
 * Opens a connection to one server. This is the client's only way to reach the network, so
 * tests plug in an in-memory cluster and production plugs in the Netty transport
 * ({@code NettyRpcClient}, wired by {@code ClientOptions}).
 *
 * <p>Contract: {@code open} may connect eagerly (and then fail with CONNECTION_FAILED) or lazily
 * (and then fail the first call instead); either is fine for callers. A returned channel
 * belongs to the caller, who closes it. The factory must be thread-safe.
 */
@FunctionalInterface
public interface ChannelFactory {
    RpcChannel open(String hostPort) throws HydraException;
}
