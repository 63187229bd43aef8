package io.hydrafs.blockstore.transfer;

import io.hydrafs.protocol.data.DataFrameCodec;

/**
 * Tunables of the data transfer server and clients.
 *
 * @param maxFrameBytes      largest accepted frame (a 256 KiB packet with header fits the default)
 * @param connectTimeoutMs   connecting to a downstream blockstore or a recovery/replication target
 * @param responseTimeoutMs  how long a blocking client waits for any one answer (response or ack),
 *                           and how long the server waits for a new connection's request
 * @param diskThreads        threads of the server's disk pool, shared by all connections
 * @param maxQueuedPackets   packets of one write connection waiting for the disk (or for a
 *                           congested downstream) before the server stops reading that connection
 * @param maxPacketsInFlight read packets handed to Netty and not yet on the wire, per connection
 * @param maxConnections     data connections the server serves at once; a request on a connection
 *                           beyond them is answered SERVER_BUSY (HDFS: max transfer threads)
 */
public record TransferSettings(int maxFrameBytes, int connectTimeoutMs, int responseTimeoutMs, int diskThreads,
                               int maxQueuedPackets, int maxPacketsInFlight, int maxConnections) {

    public static final int DEFAULT_MAX_CONNECTIONS = 4096;

    public TransferSettings {
        require(maxFrameBytes > 0, "maxFrameBytes", maxFrameBytes);
        require(connectTimeoutMs > 0, "connectTimeoutMs", connectTimeoutMs);
        require(responseTimeoutMs > 0, "responseTimeoutMs", responseTimeoutMs);
        require(diskThreads > 0, "diskThreads", diskThreads);
        require(maxQueuedPackets > 0, "maxQueuedPackets", maxQueuedPackets);
        require(maxPacketsInFlight > 0, "maxPacketsInFlight", maxPacketsInFlight);
        require(maxConnections > 0, "maxConnections", maxConnections);
    }

    public static TransferSettings defaults() {
        return new TransferSettings(DataFrameCodec.DEFAULT_MAX_FRAME_BYTES, 5_000, 60_000, 4, 16, 16,
                DEFAULT_MAX_CONNECTIONS);
    }

    public TransferSettings withConnectTimeoutMs(int ms) {
        return new TransferSettings(maxFrameBytes, ms, responseTimeoutMs, diskThreads, maxQueuedPackets,
                maxPacketsInFlight, maxConnections);
    }

    public TransferSettings withResponseTimeoutMs(int ms) {
        return new TransferSettings(maxFrameBytes, connectTimeoutMs, ms, diskThreads, maxQueuedPackets,
                maxPacketsInFlight, maxConnections);
    }

    public TransferSettings withMaxConnections(int connections) {
        return new TransferSettings(maxFrameBytes, connectTimeoutMs, responseTimeoutMs, diskThreads, maxQueuedPackets,
                maxPacketsInFlight, connections);
    }

    private static void require(boolean ok, String name, int value) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
