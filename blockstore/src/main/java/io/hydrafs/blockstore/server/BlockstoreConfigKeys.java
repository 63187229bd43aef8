package io.hydrafs.blockstore.server;

import io.hydrafs.blockstore.transfer.TransferSettings;
import io.hydrafs.protocol.config.ConfigKey;

import java.util.List;

/** Keys of the blockstore process (storage keys are in StorageConfigKeys). */
public final class BlockstoreConfigKeys {
    private BlockstoreConfigKeys() {
    }

    private static final long HOUR_MS = 3_600_000L;

    public static final ConfigKey<String> ID = ConfigKey.string("hydra.blockstore.id", "",
            "This blockstore's id. Default: generated at first start and kept in every data directory.");
    public static final ConfigKey<String> HOST = ConfigKey.string("hydra.blockstore.host", "127.0.0.1",
            "Address the data port binds to and that clients and other blockstores are told.");
    public static final ConfigKey<Integer> DATA_PORT = ConfigKey.integer("hydra.blockstore.data.port", 7300, 0, 65535,
            "Port of the data transfer protocol (0 = any free port).");
    public static final ConfigKey<Integer> DATA_MAX_CONNECTIONS = ConfigKey.integer(
            "hydra.blockstore.data.max.connections", TransferSettings.DEFAULT_MAX_CONNECTIONS, 1, 65535,
            "Data connections (block writes, reads, recovery) served at once; a request on a connection beyond "
                    + "them is answered SERVER_BUSY, and the client tries another blockstore.");
    public static final ConfigKey<String> RACK = ConfigKey.string("hydra.blockstore.rack", "",
            "Rack of this blockstore, for placement (replicas go to other racks when there are several).");
    public static final ConfigKey<Long> HEARTBEAT_INTERVAL_MS = ConfigKey.longKey(
            "hydra.blockstore.heartbeat.interval.ms", 1000L, 10L, HOUR_MS,
            "How often the blockstore heartbeats to every meta node (and receives the leader's orders).");
    public static final ConfigKey<Long> FULL_REPORT_INTERVAL_MS = ConfigKey.longKey(
            "hydra.blockstore.full.report.interval.ms", 6 * HOUR_MS, 1000L, 7 * 24 * HOUR_MS,
            "How often a full block report is sent to every meta node (also at start and on request).");
    public static final ConfigKey<Integer> ORDER_THREADS = ConfigKey.integer("hydra.blockstore.order.threads", 2, 1, 64,
            "Threads carrying out the leader's orders (replication sends, deletions, lease recovery).");

    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer("hydra.blockstore.http.port", 7380, 0, 65535,
            "Port of the status HTTP server (/metrics, /metrics/prometheus, /health) on hydra.blockstore.host; "
                    + "0 = any free port.");

    public static final List<ConfigKey<?>> ALL = List.of(ID, HOST, DATA_PORT, DATA_MAX_CONNECTIONS, RACK, HEARTBEAT_INTERVAL_MS,
            FULL_REPORT_INTERVAL_MS, ORDER_THREADS, HTTP_PORT);
}
