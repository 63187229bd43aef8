package io.hydrafs.protocol.net;

import io.hydrafs.protocol.config.ConfigKey;

import java.util.List;

/** Configuration keys of the RPC layer, shared by every service's servers and clients. */
public final class RpcConfigKeys {
    private RpcConfigKeys() {
    }

    // bounds of a frame limit, also enforced on limits set in code
    static final int FRAME_LIMIT_MIN = 64;
    static final int FRAME_LIMIT_MAX = 1 << 30;

    public static final ConfigKey<Integer> MAX_FRAME_BYTES = ConfigKey.integer(
            "hydra.rpc.max.frame.bytes", 64 << 20, FRAME_LIMIT_MIN, FRAME_LIMIT_MAX,
            "Largest protobuf message (excluding the 4-byte length prefix) accepted or sent on an "
                    + "RPC connection. A larger request or answer fails its call with FRAME_TOO_LARGE; "
                    + "the connection stays up. Clients and servers may differ.");

    public static final ConfigKey<Long> CALL_TIMEOUT_MS = ConfigKey.longKey(
            "hydra.rpc.call.timeout.ms", 30_000L, 1L, 24L * 3600 * 1000,
            "How long a client waits for the answer to one call before failing it with TIMEOUT.");

    public static final ConfigKey<Integer> CONNECT_TIMEOUT_MS = ConfigKey.integer(
            "hydra.rpc.connect.timeout.ms", 10_000, 1, 600_000,
            "How long a client waits for its TCP connection before failing its calls with "
                    + "CONNECTION_FAILED.");

    public static final ConfigKey<Integer> IO_THREADS = ConfigKey.integer(
            "hydra.rpc.io.threads", 2, 1, 64,
            "Threads of an RPC event loop group. Small: handlers must not block, and the "
                    + "target machines have few cores.");

    public static final ConfigKey<Integer> MAX_CALLS_PER_CONNECTION = ConfigKey.integer(
            "hydra.rpc.server.max.calls.per.connection", 1024, 1, 1 << 20,
            "Calls of one connection a server runs, or holds unsent answers for, at once. Further "
                    + "requests wait, and the server stops reading the connection until its answers "
                    + "drain: a client that pipelines calls without reading the answers cannot fill "
                    + "the server's memory.");

    public static final List<ConfigKey<?>> ALL = List.of(MAX_FRAME_BYTES, CALL_TIMEOUT_MS,
            CONNECT_TIMEOUT_MS, IO_THREADS, MAX_CALLS_PER_CONNECTION);

    /** Validates a frame limit set in code against the same bounds as the configuration key. */
    static int checkFrameLimit(int maxFrameBytes) {
        if (maxFrameBytes < FRAME_LIMIT_MIN || maxFrameBytes > FRAME_LIMIT_MAX) {
            throw new IllegalArgumentException("max frame bytes " + maxFrameBytes + " is not in ["
                    + FRAME_LIMIT_MIN + ", " + FRAME_LIMIT_MAX + "]");
        }
        return maxFrameBytes;
    }
}
