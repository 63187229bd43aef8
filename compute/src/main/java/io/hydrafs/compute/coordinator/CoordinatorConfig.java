package io.hydrafs.compute.coordinator;

import io.hydrafs.protocol.config.ConfigKey;
import io.hydrafs.protocol.config.HydraConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
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
 * @param advertisedHost the host clients and workers reach this coordinator at (published with the lease)
 * @param leaseMs        ttl of the active coordinator's lease; renewed every third of it
 * @param leaseKey       the coordination record holding the lease (one per compute cluster)
 * @param journalDir     HydraFS directory of the job journal
 * @param retainedJobs   finished jobs kept answerable (the most recently finished; older ones are forgotten)
 */
public record CoordinatorConfig(String bindHost, int port, long workerExpiryMs, long tickMs, Path localDir,
                                String advertisedHost, long leaseMs, String leaseKey, String journalDir,
                                int retainedJobs) {
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
    public static final ConfigKey<String> ADVERTISED_HOST = ConfigKey.string(
            "hydra.compute.coordinator.advertised.host", "", "Host name clients and workers reach this coordinator "
                    + "at, published to them when it is active ('' = the bind host, or this machine's name when "
                    + "binding all interfaces).");
    public static final ConfigKey<Long> LEASE_MS = ConfigKey.longKey("hydra.compute.coordinator.lease.ms", 10_000,
            300, 600_000, "Lease of the active job coordinator: a standby takes over within about this long "
                    + "after the active one died.");
    public static final ConfigKey<String> LEASE_KEY = ConfigKey.string("hydra.compute.coordinator.lease.key",
            "compute/coordinator", "Coordination record of the meta service the coordinators compete for.");
    public static final ConfigKey<String> JOURNAL_DIR = ConfigKey.string("hydra.compute.coordinator.journal.dir",
            "/system/compute/journal", "HydraFS directory where the active coordinator journals job progress.");

    public static final ConfigKey<Integer> RETAINED_JOBS = ConfigKey.integer(
            "hydra.compute.coordinator.retained.jobs", 100, 0, 100_000, "Finished jobs whose status the "
                    + "coordinator still answers (the most recently finished); older ones are forgotten, in memory "
                    + "and in the journal.");

    /** The defaults for advertised host, lease, journal and retained jobs. */
    public CoordinatorConfig(String bindHost, int port, long workerExpiryMs, long tickMs, Path localDir) {
        this(bindHost, port, workerExpiryMs, tickMs, localDir, "", LEASE_MS.defaultValue(),
                LEASE_KEY.defaultValue(), JOURNAL_DIR.defaultValue(), RETAINED_JOBS.defaultValue());
    }

    public CoordinatorConfig withLeaseMs(long ms) {
        return new CoordinatorConfig(bindHost, port, workerExpiryMs, tickMs, localDir, advertisedHost, ms, leaseKey,
                journalDir, retainedJobs);
    }

    public static List<ConfigKey<?>> keys() {
        return List.of(HOST, PORT, WORKER_EXPIRY_MS, TICK_MS, LOCAL_DIR, ADVERTISED_HOST, LEASE_MS, LEASE_KEY,
                JOURNAL_DIR, RETAINED_JOBS);
    }

    public static CoordinatorConfig from(HydraConfig config) {
        return new CoordinatorConfig(config.get(HOST), config.get(PORT), config.get(WORKER_EXPIRY_MS),
                config.get(TICK_MS), Path.of(config.get(LOCAL_DIR)), config.get(ADVERTISED_HOST),
                config.get(LEASE_MS), config.get(LEASE_KEY), config.get(JOURNAL_DIR), config.get(RETAINED_JOBS));
    }

    /** The host part of this coordinator's client address. */
    String clientHost() {
        if (!advertisedHost.isBlank()) {
            return advertisedHost;
        }
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
            return bindHost;
        }
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }
}
