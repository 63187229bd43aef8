package io.hydrafs.compute.coordinator;

import io.hydrafs.protocol.config.ConfigKey;
import io.hydrafs.protocol.config.HydraConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of a job coordinator process.
 *
 * @param bindHost       where the coordinator's RPC server listens
 * @param port           its port (0 picks a free one)
 * @param workerExpiryMs a worker silent this long is lost
 * @param tickMs         how often expiry, speculation and job commits are looked at
 * @param localDir       the coordinator's scratch space (job jars it loads)
 */
public record CoordinatorConfig(String bindHost, int port, long workerExpiryMs, long tickMs, Path localDir) {
    public static final ConfigKey<String> HOST = ConfigKey.string("hydra.compute.coordinator.host", "0.0.0.0",
            "Address the job coordinator's RPC server binds.");
    public static final ConfigKey<Integer> PORT = ConfigKey.integer("hydra.compute.coordinator.port", 7500, 0, 65_535,
            "Port of the job coordinator's RPC server (0 = any free port).");
    public static final ConfigKey<Long> WORKER_EXPIRY_MS = ConfigKey.longKey("hydra.compute.worker.expiry.ms", 10_000,
            100, 3_600_000, "A compute worker that sends no heartbeat for this long is lost: its attempts are "
                    + "rescheduled and its map outputs re-run.");
    public static final ConfigKey<Long> TICK_MS = ConfigKey.longKey("hydra.compute.coordinator.tick.ms", 200, 10,
            60_000, "How often the coordinator expires workers, looks for stragglers and commits finished jobs.");
    public static final ConfigKey<String> LOCAL_DIR = ConfigKey.string("hydra.compute.coordinator.local.dir",
            System.getProperty("java.io.tmpdir") + "/hydra-coordinator", "Scratch directory (cached job jars).");

    public static List<ConfigKey<?>> keys() {
        return List.of(HOST, PORT, WORKER_EXPIRY_MS, TICK_MS, LOCAL_DIR);
    }

    public static CoordinatorConfig from(HydraConfig config) {
        return new CoordinatorConfig(config.get(HOST), config.get(PORT), config.get(WORKER_EXPIRY_MS),
                config.get(TICK_MS), Path.of(config.get(LOCAL_DIR)));
    }
}
