package io.hydrafs.compute.worker;

import io.hydrafs.compute.wire.CoordinatorChannel;
import io.hydrafs.protocol.config.ConfigKey;
import io.hydrafs.protocol.config.HydraConfig;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Settings of a compute worker process.
 *
 * @param workerId             how the coordinator names this worker (default: host plus a random suffix)
 * @param coordinatorAddress   host:port of every job coordinator, comma-separated (calls go to the active one)
 * @param bindHost             where the shuffle server listens
 * @param advertisedHost       the host reducers fetch this worker's map outputs from
 * @param shufflePort          the shuffle server's port (0 = any free port)
 * @param slots                attempts run at once
 * @param reduceSlots          further attempts that only reduces may take: a reduce spends most of its
 *                             shuffle waiting for maps, so it can start beside a full set of maps
 * @param localDir             map outputs, fetched runs and job jars
 * @param heartbeatMs          how often the worker reports to the coordinator
 * @param colocatedBlockstores ids of the blockstores on this machine: maps of splits with a replica
 *                             there count as data-local here
 * @param parallelFetches      map outputs fetched at once by this worker's reducers
 */
public record WorkerConfig(String workerId, String coordinatorAddress, String bindHost, String advertisedHost,
                           int shufflePort, int slots, int reduceSlots, Path localDir, long heartbeatMs,
                           List<String> colocatedBlockstores, int parallelFetches) {
    public static final ConfigKey<String> ID = ConfigKey.string("hydra.compute.worker.id", "",
            "Name of this compute worker ('' = its host and a random suffix, new on every start).");
    public static final ConfigKey<String> COORDINATOR = ConfigKey.string("hydra.compute.coordinator.address", "",
            "host:port of the job coordinators, comma-separated: the active one and its standbys (calls "
                    + "follow the active one). Required.");
    public static final ConfigKey<String> BIND_HOST = ConfigKey.string("hydra.compute.worker.bind.host", "0.0.0.0",
            "Address the worker's shuffle server binds.");
    public static final ConfigKey<String> HOST = ConfigKey.string("hydra.compute.worker.host", "",
            "Host name other workers reach this worker's shuffle server at ('' = this machine's name).");
    public static final ConfigKey<Integer> SHUFFLE_PORT = ConfigKey.integer("hydra.compute.worker.shuffle.port", 7510,
            0, 65_535, "Port of the worker's shuffle server (0 = any free port).");
    public static final ConfigKey<Integer> SLOTS = ConfigKey.integer("hydra.compute.worker.slots", 2, 1, 1024,
            "Task attempts the worker runs at once.");
    public static final ConfigKey<Integer> REDUCE_SLOTS = ConfigKey.integer("hydra.compute.worker.reduce.slots", 1, 0,
            1024, "Further attempts only reduces may take, so that reduces shuffle while maps fill the other slots.");
    public static final ConfigKey<String> LOCAL_DIR = ConfigKey.string("hydra.compute.worker.local.dir",
            System.getProperty("java.io.tmpdir") + "/hydra-worker", "Map outputs, fetched runs and job jars.");
    public static final ConfigKey<Long> HEARTBEAT_MS = ConfigKey.longKey("hydra.compute.worker.heartbeat.ms", 300, 10,
            60_000, "Interval of the worker's heartbeats to the coordinator.");
    public static final ConfigKey<String> COLOCATED_BLOCKSTORES = ConfigKey.string(
            "hydra.compute.worker.colocated.blockstores", "", "Comma-separated ids of the blockstores on this "
                    + "machine; maps whose split has a replica on one of them run here data-local.");
    public static final ConfigKey<Integer> PARALLEL_FETCHES = ConfigKey.integer(
            "hydra.compute.shuffle.parallel.fetches", 5, 1, 256, "Map outputs fetched at once by this worker.");

    public static List<ConfigKey<?>> keys() {
        return List.of(ID, COORDINATOR, BIND_HOST, HOST, SHUFFLE_PORT, SLOTS, REDUCE_SLOTS, LOCAL_DIR, HEARTBEAT_MS,
                COLOCATED_BLOCKSTORES, PARALLEL_FETCHES);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "127.0.0.1";
        }
    }

    public static WorkerConfig from(HydraConfig config) {
        String host = config.get(HOST).isBlank() ? localHostName() : config.get(HOST);
        String id = config.get(ID).isBlank() ? host + "-" + UUID.randomUUID().toString().substring(0, 8)
                : config.get(ID);
        if (config.get(COORDINATOR).isBlank()) {
            throw new IllegalArgumentException("config key " + COORDINATOR.name() + " is required");
        }
        CoordinatorChannel.parse(config.get(COORDINATOR));
        List<String> colocated = Arrays.stream(config.get(COLOCATED_BLOCKSTORES).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new WorkerConfig(id, config.get(COORDINATOR), config.get(BIND_HOST), host, config.get(SHUFFLE_PORT),
                config.get(SLOTS), config.get(REDUCE_SLOTS), Path.of(config.get(LOCAL_DIR)), config.get(HEARTBEAT_MS), colocated,
                config.get(PARALLEL_FETCHES));
    }
}
