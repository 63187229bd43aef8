package io.hydrafs.client.net;

import io.hydrafs.protocol.net.RpcEventLoops;

/**
 * The I/O threads every SDK connection in a process shares (like Netty's own global groups):
 * created on first use, daemon threads, never closed, so many HydraFileSystem instances cost
 * one small group instead of one per connection.
 */
public final class SharedEventLoops {
    private SharedEventLoops() {
    }

    private static final class Holder {
        static final RpcEventLoops LOOPS = new RpcEventLoops("hydra-client-io", 2);
    }

    public static RpcEventLoops get() {
        return Holder.LOOPS;
    }
}
