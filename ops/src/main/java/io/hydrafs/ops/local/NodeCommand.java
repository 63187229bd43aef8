package io.hydrafs.ops.local;

import io.hydrafs.blockstore.server.BlockstoreConfigKeys;
import io.hydrafs.blockstore.storage.StorageConfigKeys;
import io.hydrafs.client.ClientConfigKeys;
import io.hydrafs.compute.coordinator.CoordinatorConfig;
import io.hydrafs.compute.worker.WorkerConfig;
import io.hydrafs.meta.server.MetaNodeConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The command line of one node process of a local cluster. A meta node:
 * {@code java <jvm options> -cp <class path> io.hydrafs.ops.cli.HydraCli meta --config DIR/hydra.properties
 * --set hydra.meta.id=<id> --set hydra.meta.dir=DIR/<id>/data}. A blockstore:
 * {@code ... HydraCli blockstore --config DIR/hydra.properties --set hydra.blockstore.id=<id>
 * --set hydra.blockstore.data.dirs=DIR/<id>/data --set hydra.blockstore.host=127.0.0.1
 * --set hydra.blockstore.data.port=<port>}: the id and port are fixed so that a restarted
 * blockstore is the same one, where the meta nodes and clients last saw it.
 *
 * <p>The node logs to stdout with {@value #NODE_LOGBACK} (a class path resource of this jar),
 * and the launcher sends stdout to the node's log file: one file per node holds its log, its
 * startup failure and any JVM crash message, whatever logback configuration the parent used.
 *
 * @param java       the java binary
 * @param jvmOptions heap and GC flags, e.g. -Xmx256m -XX:+UseSerialGC
 * @param classPath  the class path: normally this JVM's, so the nodes run the same code
 */
public record NodeCommand(Path java, List<String> jvmOptions, String classPath) {
    public static final String MAIN_CLASS = "io.hydrafs.ops.cli.HydraCli";
    public static final String NODE_LOGBACK = "io/hydrafs/ops/local/node-logback.xml";
    /**
     * Long-running nodes: full JIT for steady-state speed; the serial collector, because G1's
     * concurrent threads compete with Raft's on 2 cores (measured: G1 halved meta.create).
     */
    public static final String DEFAULT_JVM_FLAGS = "-Xmx512m -XX:+UseSerialGC";
    /**
     * Short-lived demo clusters (quickstart): C1 only, which starts and warms up faster when
     * the whole run lasts half a minute (measured: quickstart 27 s instead of 39 s).
     */
    public static final String QUICK_JVM_FLAGS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    public static final List<String> DEFAULT_JVM_OPTIONS = splitFlags(DEFAULT_JVM_FLAGS);
    /**
     * Always given to meta nodes, before the heap and GC flags (which may override them): Java
     * priorities become nice values, so that a follower can run its apply thread at nice 19
     * (see the meta node's ApplyPriority). Every other priority maps to nice 0, because by
     * default HotSpot would then also raise its compiler, GC and VM threads to nice -4 and -5.
     */
    public static final List<String> META_THREAD_PRIORITY_FLAGS = List.of(
            "-XX:ThreadPriorityPolicy=1",
            "-XX:JavaPriority1_To_OSPriority=19",
            "-XX:JavaPriority2_To_OSPriority=0", "-XX:JavaPriority3_To_OSPriority=0",
            "-XX:JavaPriority4_To_OSPriority=0", "-XX:JavaPriority5_To_OSPriority=0",
            "-XX:JavaPriority6_To_OSPriority=0", "-XX:JavaPriority7_To_OSPriority=0",
            "-XX:JavaPriority8_To_OSPriority=0", "-XX:JavaPriority9_To_OSPriority=0",
            "-XX:JavaPriority10_To_OSPriority=0");
    // The blockstore's keys by name: ops does not depend on the blockstore module, whose
    // BlockstoreConfigKeys define them (hydra.blockstore.data.dirs with the storage keys).
    static final String BLOCKSTORE_ID = BlockstoreConfigKeys.ID.name();
    static final String BLOCKSTORE_DATA_DIRS = StorageConfigKeys.DATA_DIRS.name();
    static final String BLOCKSTORE_HOST = BlockstoreConfigKeys.HOST.name();
    static final String BLOCKSTORE_DATA_PORT = BlockstoreConfigKeys.DATA_PORT.name();

    public NodeCommand {
        jvmOptions = List.copyOf(jvmOptions);
        if (classPath == null || classPath.isBlank()) {
            throw new IllegalArgumentException("the class path of the node processes is empty");
        }
    }

    /** The java binary, default JVM options and class path of this JVM. */
    public static NodeCommand ofThisJvm() {
        return new NodeCommand(thisJava(), DEFAULT_JVM_OPTIONS, System.getProperty("java.class.path"));
    }

    public NodeCommand withJvmOptions(List<String> options) {
        return new NodeCommand(java, options, classPath);
    }

    /** JVM flags given as one string, split on blanks ("-Xmx256m -XX:+UseSerialGC"). */
    public static List<String> splitFlags(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    }

    /** The command line of meta node {@code nodeId}, its status HTTP server on any free port. */
    public List<String> argv(ClusterLayout layout, String nodeId) {
        return argv(layout, nodeId, 0);
    }

    /**
     * The command line of meta node {@code nodeId} with its status HTTP port (0 = any free port).
     * The port is always set: every node of a local cluster shares one host, so the default
     * port would be taken by the first.
     */
    public List<String> argv(ClusterLayout layout, String nodeId, int httpPort) {
        List<String> argv = verb(layout, "meta", META_THREAD_PRIORITY_FLAGS);
        set(argv, MetaNodeConfig.NODE_ID.name(), nodeId);
        set(argv, MetaNodeConfig.DATA_DIR.name(), layout.dataDir(nodeId).toString());
        set(argv, MetaNodeConfig.HTTP_PORT.name(), Integer.toString(httpPort));
        return argv;
    }

    /** The command line of {@code blockstore}, its status HTTP server on any free port. */
    public List<String> blockstoreArgv(ClusterLayout layout, LocalBlockstore blockstore) {
        return blockstoreArgv(layout, blockstore, 0);
    }

    /** The command line of {@code blockstore} with its status HTTP port (0 = any free port). */
    public List<String> blockstoreArgv(ClusterLayout layout, LocalBlockstore blockstore, int httpPort) {
        List<String> argv = verb(layout, "blockstore");
        set(argv, BLOCKSTORE_ID, blockstore.id());
        set(argv, BLOCKSTORE_DATA_DIRS, layout.dataDir(blockstore.id()).toString());
        set(argv, BLOCKSTORE_HOST, blockstore.host());
        set(argv, BLOCKSTORE_DATA_PORT, Integer.toString(blockstore.dataPort()));
        set(argv, BlockstoreConfigKeys.HTTP_PORT.name(), Integer.toString(httpPort));
        return argv;
    }

    /** The command line of a job coordinator: its address, its scratch directory (the lease decides which is active). */
    public List<String> coordinatorArgv(ClusterLayout layout, LocalCoordinator coordinator) {
        List<String> argv = verb(layout, "coordinator");
        set(argv, CoordinatorConfig.HOST.name(), coordinator.host());
        set(argv, CoordinatorConfig.PORT.name(), Integer.toString(coordinator.port()));
        set(argv, CoordinatorConfig.LOCAL_DIR.name(), layout.dataDir(coordinator.id()).toString());
        return argv;
    }

    /**
     * The command line of {@code worker}: its id, shuffle port, scratch directory, the coordinator,
     * and its co-located blockstore, both for task placement and as its file system client's node
     * (reads prefer, and new blocks start on, that blockstore's replicas).
     */
    public List<String> workerArgv(ClusterLayout layout, LocalCompute compute, LocalWorker worker) {
        List<String> argv = verb(layout, "worker");
        set(argv, WorkerConfig.ID.name(), worker.id());
        set(argv, WorkerConfig.COORDINATOR.name(), compute.coordinatorAddress());
        set(argv, WorkerConfig.BIND_HOST.name(), worker.host());
        set(argv, WorkerConfig.HOST.name(), worker.host());
        set(argv, WorkerConfig.SHUFFLE_PORT.name(), Integer.toString(worker.shufflePort()));
        set(argv, WorkerConfig.LOCAL_DIR.name(), layout.dataDir(worker.id()).toString());
        if (!worker.colocatedBlockstore().isEmpty()) {
            set(argv, WorkerConfig.COLOCATED_BLOCKSTORES.name(), worker.colocatedBlockstore());
            set(argv, ClientConfigKeys.CLIENT_NODE.name(), worker.colocatedBlockstore());
        }
        return argv;
    }

    private List<String> verb(ClusterLayout layout, String verb) {
        return verb(layout, verb, List.of());
    }

    private List<String> verb(ClusterLayout layout, String verb, List<String> fixedJvmFlags) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(fixedJvmFlags);
        argv.addAll(jvmOptions);
        argv.add("-Dlogback.configurationFile=" + NODE_LOGBACK);
        argv.add("-Dlogback.statusListenerClass=io.hydrafs.ops.cli.StderrStatusListener");
        argv.add("-cp");
        argv.add(classPath);
        argv.add(MAIN_CLASS);
        argv.add(verb);
        argv.add("--config");
        argv.add(layout.hydraProperties().toString());
        return argv;
    }

    private static void set(List<String> argv, String key, String value) {
        argv.add("--set");
        argv.add(key + "=" + value);
    }

    /**
     * The java binary of this JVM: java.home is the running runtime itself, whereas the
     * process's command may be a custom launcher; the command is the fallback.
     */
    static Path thisJava() {
        Path home = Path.of(System.getProperty("java.home"), "bin", "java");
        if (Files.isExecutable(home)) {
            return home;
        }
        Optional<String> command = ProcessHandle.current().info().command();
        return Path.of(command.orElse("java"));
    }
}
