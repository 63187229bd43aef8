package io.hydrafs.ops.local;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.meta.server.MetaPeer;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A HydraFS cluster of N meta nodes and M blockstores (and, with workers, a MapReduce job
 * coordinator and its workers: {@link LocalComputeNodes}), each a separate OS process on
 * 127.0.0.1: the process-level sibling of the in-JVM {@code MiniCluster}, and what
 * {@code hydra cluster} and {@code hydra quickstart} run. Each meta node runs {@code HydraCli meta}
 * and each blockstore {@code HydraCli blockstore}, from the generated {@code hydra.properties},
 * in its own directory with its own log and pid file ({@link ClusterLayout}, {@link NodeCommand}).
 *
 * <p>Two ways to get one: {@link #start} launches the meta nodes, then the blockstores, and
 * returns once the cluster is ready ({@link ClusterReadiness}: every meta node answers, a leader
 * serves, the leader counts every blockstore live, and every data port is open); {@link #attach} finds the running nodes
 * of a cluster another CLI invocation started, through {@code cluster.properties}.
 *
 * <p>Lifetime contract: {@link #close()} stops every node (SIGTERM, then SIGKILL after the
 * stop timeout), compute nodes first, then blockstores, so that they never report to meta nodes that are gone, and
 * keeps the data, so a later start restarts the same cluster. A started cluster also registers
 * a JVM shutdown hook that does the same, so an interrupted test or Ctrl-C never leaves nodes
 * behind; {@link #detach()} drops that hook (and this object's hold) when the nodes are meant to
 * outlive this JVM, as after {@code hydra cluster start}. An attached cluster has no hook: it is
 * someone else's until {@code close} stops it.
 *
 * <p>Indexes are 0-based in the API; ids are 1-based (meta node index 0 is m1, blockstore
 * index 0 is b1). The methods without "blockstore" in their name are about meta nodes.
 */
public final class LocalProcessCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessCluster.class);
    /** The hook runs while the JVM exits: give the nodes less time to stop cleanly than close() does. */
    private static final Duration HOOK_STOP_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterLayout layout;
    private final Duration readyTimeout;
    private final Duration stopTimeout;
    private final List<MetaPeer> peers;
    private final List<LocalBlockstore> blockstores;
    private final NodeGroup metaNodes;
    private final NodeGroup blockstoreNodes;
    private final LocalComputeNodes computeNodes;
    private final StatusProbe probe;
    private final ExitHook exitHook;
    private final RecordKeeper record;
    private boolean closed;

    private LocalProcessCluster(ClusterLayout layout, ClusterRecord record, NodeCommand command,
                                Duration readyTimeout, Duration stopTimeout) {
        this.layout = layout;
        this.record = new RecordKeeper(layout, record);
        this.readyTimeout = readyTimeout;
        this.stopTimeout = stopTimeout;
        this.peers = record.peers();
        this.blockstores = record.blockstores();
        NodeGroup.PidRecorder recorder = this.record;
        this.metaNodes = new NodeGroup("meta node", peers.stream().map(MetaPeer::id).toList(),
                i -> command.argv(layout, peers.get(i).id(), record.httpPort(peers.get(i).id())), layout, recorder);
        this.blockstoreNodes = new NodeGroup("blockstore", blockstores.stream().map(LocalBlockstore::id).toList(),
                i -> command.blockstoreArgv(layout, blockstores.get(i), record.httpPort(blockstores.get(i).id())),
                layout, recorder);
        this.computeNodes = new LocalComputeNodes(record.compute(), command, layout, recorder);
        this.probe = new StatusProbe(record.metaAddresses());
        this.exitHook = new ExitHook("hydra-local-cluster-stop", this::stopFromShutdownHook);
    }

    /**
     * Starts the cluster in {@code options.dir()} (a new one, or the stopped one found there):
     * the meta nodes, then, once a leader serves, the blockstores; returns when it is ready
     * ({@link ClusterReadiness}).
     *
     * @throws HydraException one line saying what is wrong: a cluster already runs there
     *         (FILE_ALREADY_EXISTS), the directory is not usable or a port is taken (IO_ERROR),
     *         a node exited while starting (IO_ERROR) or the cluster was not ready in time
     *         (TIMEOUT); the message names the node logs. Nodes already started are stopped.
     */
    public static LocalProcessCluster start(LocalClusterOptions options) throws HydraException {
        options.validate();
        ClusterLayout layout = new ClusterLayout(options.dir());
        ClusterRecord record = ClusterDirectory.prepare(layout, options);
        JvmOptionsRecord.save(layout, options.command().jvmOptions());
        LocalProcessCluster cluster = new LocalProcessCluster(layout, record, options.command(),
                options.readyTimeout(), options.stopTimeout());
        cluster.exitHook.register();
        try {
            Instant deadline = Instant.now().plus(cluster.readyTimeout);
            for (int i = 0; i < cluster.size(); i++) {
                cluster.metaNodes.launch(i);
            }
            // Blockstores only once a leader serves: their first heartbeats then register at once,
            // and a failure of the meta nodes is reported as theirs, not as a blockstore's.
            cluster.awaitReady(0, deadline);
            if (cluster.blockstoreCount() > 0) {
                for (int i = 0; i < cluster.blockstoreCount(); i++) {
                    cluster.blockstoreNodes.launch(i);
                }
                cluster.awaitReady(cluster.blockstoreCount(), deadline);
            }
            if (cluster.workerCount() > 0) {
                cluster.computeNodes.launchAll();
                cluster.computeNodes.awaitReady(deadline, cluster.readyTimeout, layout);
            }
            return cluster;
        } catch (HydraException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * The cluster running in {@code dir}: its nodes that still run (at least one meta node or
     * blockstore). Nodes it starts again run with the JVM flags the cluster was started with.
     *
     * @throws HydraException NOT_READY if {@code dir} holds no cluster or none of its nodes runs
     */
    public static LocalProcessCluster attach(Path dir) throws HydraException {
        return attach(dir, JvmOptionsRecord.load(new ClusterLayout(dir)));
    }

    /** As {@link #attach(Path)}; nodes it starts again run with {@code jvmOptions}. */
    public static LocalProcessCluster attach(Path dir, List<String> jvmOptions) throws HydraException {
        ClusterLayout layout = new ClusterLayout(dir);
        ClusterRecord record = ClusterRecord.load(layout).orElseThrow(() -> new HydraException(ErrorCode.NOT_READY,
                "no HydraFS cluster in " + layout.dir() + " ('hydra cluster start --dir " + layout.dir() + "' starts one)"));
        Map<String, ProcessHandle> running = ClusterDirectory.running(record);
        if (running.isEmpty()) {
            throw new HydraException(ErrorCode.NOT_READY, "the HydraFS cluster in " + layout.dir()
                    + " is not running ('hydra cluster start --dir " + layout.dir() + "' starts it)");
        }
        LocalClusterOptions defaults = LocalClusterOptions.builder(dir).build();
        LocalProcessCluster cluster = new LocalProcessCluster(layout, record,
                defaults.command().withJvmOptions(jvmOptions), defaults.readyTimeout(), defaults.stopTimeout());
        cluster.computeNodes.attach(running);
        for (NodeGroup group : List.of(cluster.metaNodes, cluster.blockstoreNodes)) {
            for (int i = 0; i < group.size(); i++) {
                ProcessHandle h = running.get(group.id(i));
                if (h != null) {
                    group.attach(i, h);
                }
            }
        }
        return cluster;
    }

    public Path dir() {
        return layout.dir();
    }

    public ClusterLayout layout() {
        return layout;
    }

    /** The number of meta nodes. */
    public int size() {
        return peers.size();
    }

    public List<MetaPeer> peers() {
        return peers;
    }

    public String nodeId(int index) {
        return peers.get(index).id();
    }

    /** Client endpoints of every meta node, running or not, in node order. */
    public List<String> metaAddresses() {
        return peers.stream().map(MetaPeer::rpcAddress).toList();
    }

    /** Client options naming every meta node; add a user or timeouts, then build. */
    public ClientOptions.Builder clientOptions() {
        return ClientOptions.builder().metaAddresses(metaAddresses());
    }

    /** The pid of meta node {@code index}, or -1 if it does not run. */
    public long pid(int index) {
        return metaNodes.pid(index);
    }

    public boolean isAlive(int index) {
        return metaNodes.isAlive(index);
    }

    /** The pids of every process this object started or attached, meta nodes and blockstores, running or not. */
    public List<Long> allPids() {
        List<Long> pids = new ArrayList<>(metaNodes.allPids());
        pids.addAll(blockstoreNodes.allPids());
        pids.addAll(computeNodes.allPids());
        return pids;
    }

    /** Each meta node's process state and, if it answered, its role, term, applied index and blockstore counts. */
    public List<NodeStatus> status() {
        List<NodeStatus> all = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            MetaPeer peer = peers.get(i);
            long pid = pid(i);
            all.add(pid < 0 ? NodeStatus.down(peer.id(), peer.rpcAddress()) : probe.probe(peer, pid));
        }
        return all;
    }

    /** Index of the meta node that reports itself LEADER (the highest term wins), or -1. */
    public int leaderIndex() {
        return NodeStatus.leaderIndex(status());
    }

    /** Waits until some running meta node is leader; returns its index. TIMEOUT after {@code timeout}. */
    public int awaitLeader(Duration timeout) throws HydraException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            List<NodeStatus> now = status();
            int leader = NodeStatus.leaderIndex(now);
            if (leader >= 0) {
                return leader;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new HydraException(ErrorCode.TIMEOUT, "no meta node became leader within " + timeout.toSeconds()
                        + " s (" + brief(now) + "); see " + layout.logHint());
            }
            Polling.pause("the cluster's nodes");
        }
    }

    /** Crashes meta node {@code index} with SIGKILL and waits until it is gone; no-op if it does not run. */
    public synchronized void kill(int index) throws HydraException {
        metaNodes.kill(index);
    }

    /**
     * Stops meta node {@code index} cleanly: SIGTERM (a leader hands leadership to a follower
     * first), SIGKILL after the stop timeout; no-op if it does not run.
     */
    public synchronized void stop(int index) throws HydraException {
        metaNodes.stop(index, stopTimeout);
    }

    /**
     * Starts meta node {@code index} again, on its ports and directory, and waits until it
     * answers (it then catches up with the leader by itself).
     *
     * @throws HydraException IO_ERROR if it runs already, a port is taken or it exits; TIMEOUT
     *         if it does not answer within the ready timeout
     */
    public synchronized void start(int index) throws HydraException {
        checkOpen();
        if (isAlive(index)) {
            throw new HydraException(ErrorCode.IO_ERROR, "meta node " + nodeId(index) + " is already running (pid "
                    + pid(index) + ")");
        }
        LoopbackPorts.checkFree(peers.get(index));
        metaNodes.launch(index);
        awaitNode(metaNodes, index, () -> probe.probe(peers.get(index), pid(index)).answered(), "did not answer");
    }

    /**
     * Stops every meta node at once, cleanly, as {@code hydra cluster stop} stops them (SIGTERM,
     * SIGKILL after the stop timeout), and waits until all are gone; blockstores and compute
     * nodes keep running. What a whole-group restart begins with.
     */
    public synchronized void stopMetaNodes() {
        metaNodes.stopAll(stopTimeout);
        for (MetaPeer peer : peers) {
            record.stopped(peer.id());
        }
    }

    /**
     * Launches every meta node that does not run, on its ports and data, without waiting for
     * any to answer: the caller decides what "back" means (a restart benchmark times it), and
     * watches for an early exit with {@link #checkMetaNodesRunning()}.
     *
     * @throws HydraException IO_ERROR if a port is taken or a process cannot be started
     */
    public synchronized void launchMetaNodes() throws HydraException {
        checkOpen();
        for (int i = 0; i < size(); i++) {
            if (!isAlive(i)) {
                LoopbackPorts.checkFree(peers.get(i));
                metaNodes.launch(i);
            }
        }
    }

    /** IO_ERROR, with its exit code and the log line that explains it, if a meta node this object launched has exited. */
    public void checkMetaNodesRunning() throws HydraException {
        metaNodes.checkAllStillRunning();
    }

    /**
     * Waits until the cluster is ready for clients as after {@link #start} ({@link ClusterReadiness}),
     * counting the blockstores that run now; TIMEOUT after {@code timeout}.
     */
    public void awaitReady(Duration timeout) throws HydraException {
        int running = (int) IntStream.range(0, blockstoreCount()).filter(this::isBlockstoreAlive).count();
        awaitReady(running, Instant.now().plus(timeout));
    }

    // ---- blockstores ----

    public int blockstoreCount() {
        return blockstores.size();
    }

    /**
     * The status HTTP port of every node (meta nodes and blockstores) by id, as recorded; nodes of
     * a cluster created before HTTP ports were recorded are missing (their port is not known).
     */
    public Map<String, Integer> httpPorts() {
        return record.now().httpPorts();
    }

    /** Every blockstore, running or not, in index order: ids and data ports. */
    public List<LocalBlockstore> blockstores() {
        return blockstores;
    }

    public String blockstoreId(int index) {
        return blockstores.get(index).id();
    }

    /** The pid of blockstore {@code index}, or -1 if it does not run. */
    public long blockstorePid(int index) {
        return blockstoreNodes.pid(index);
    }

    public boolean isBlockstoreAlive(int index) {
        return blockstoreNodes.isAlive(index);
    }

    /** Each blockstore's process state; the leader's live/dead counts are in {@link #status()}. */
    public List<BlockstoreStatus> blockstoreStatus() {
        List<BlockstoreStatus> all = new ArrayList<>();
        for (int i = 0; i < blockstoreCount(); i++) {
            all.add(new BlockstoreStatus(blockstoreId(i), blockstores.get(i).dataAddress(), blockstorePid(i)));
        }
        return all;
    }

    /** Crashes blockstore {@code index} with SIGKILL and waits until it is gone; no-op if it does not run. */
    public synchronized void killBlockstore(int index) throws HydraException {
        blockstoreNodes.kill(index);
    }

    /** Stops blockstore {@code index} cleanly (SIGTERM, SIGKILL after the stop timeout); no-op if it does not run. */
    public synchronized void stopBlockstore(int index) throws HydraException {
        blockstoreNodes.stop(index, stopTimeout);
    }

    /**
     * Starts blockstore {@code index} again, with its id, data directory and data port, and
     * waits until its data port accepts connections. The meta nodes learn of it at its next
     * heartbeat; its replicas count again after its block report.
     *
     * @throws HydraException IO_ERROR if it runs already, its port is taken or it exits; TIMEOUT
     *         if its data port does not open within the ready timeout
     */
    public synchronized void startBlockstore(int index) throws HydraException {
        checkOpen();
        if (isBlockstoreAlive(index)) {
            throw new HydraException(ErrorCode.IO_ERROR, "blockstore " + blockstoreId(index) + " is already running (pid "
                    + blockstorePid(index) + ")");
        }
        LocalBlockstore blockstore = blockstores.get(index);
        LoopbackPorts.checkFree(blockstore);
        blockstoreNodes.launch(index);
        awaitNode(blockstoreNodes, index, () -> LoopbackPorts.isListening(blockstore.dataPort()),
                "did not open its data port " + blockstore.dataAddress());
    }

    // ---- compute ----

    /** The number of compute workers; 0 when the cluster runs no MapReduce (and no coordinator). */
    public int workerCount() {
        return computeNodes.compute().workers().size();
    }

    /** The job coordinator's address (host:port), if the cluster has compute workers. */
    public Optional<String> coordinatorAddress() {
        LocalCompute compute = computeNodes.compute();
        return compute.present() ? Optional.of(compute.coordinatorAddress()) : Optional.empty();
    }

    /** The coordinator's and each worker's process state, and the coordinator's count of live workers. */
    public List<ComputeNodeStatus> computeStatus() {
        return computeNodes.status();
    }

    // ---- lifetime ----

    /**
     * Stops every node, blockstores first (SIGTERM, SIGKILL for those still running after the
     * stop timeout) and waits until all are gone. The data stays. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            stopAll(stopTimeout);
        } finally {
            probe.close();
            exitHook.withdraw();
        }
    }

    /** Leaves the nodes running beyond this object and this JVM; the object is unusable afterwards. */
    public synchronized void detach() {
        closed = true;
        probe.close();
        exitHook.withdraw();
    }

    // ---- internals ----

    /** Until {@link ClusterReadiness} holds with {@code blockstoresExpected}; TIMEOUT after {@code deadline}. */
    private void awaitReady(int blockstoresExpected, Instant deadline) throws HydraException {
        while (true) {
            metaNodes.checkAllStillRunning();
            blockstoreNodes.checkAllStillRunning();
            List<String> closed = new ArrayList<>();
            for (int i = 0; i < blockstoresExpected; i++) {
                if (!LoopbackPorts.isListening(blockstores.get(i).dataPort())) {
                    closed.add(blockstoreId(i));
                }
            }
            Optional<String> lacking = ClusterReadiness.lacking(status(), blockstoresExpected, closed, probe::groupServes);
            if (lacking.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new HydraException(ErrorCode.TIMEOUT, "the cluster was not ready within " + readyTimeout.toSeconds()
                        + " s (" + lacking.get() + "); see the node logs " + layout.logHint());
            }
            Polling.pause("the cluster's nodes");
        }
    }

    private void awaitNode(NodeGroup group, int index, BooleanSupplier ready, String failure) throws HydraException {
        Instant deadline = Instant.now().plus(readyTimeout);
        while (!ready.getAsBoolean()) {
            group.checkStillRunning(index);
            if (Instant.now().isAfter(deadline)) {
                throw new HydraException(ErrorCode.TIMEOUT, group.describe(index) + " " + failure + " within "
                        + readyTimeout.toSeconds() + " s; see " + layout.logFile(group.id(index)));
            }
            Polling.pause("the cluster's nodes");
        }
    }

    private void stopAll(Duration grace) {
        computeNodes.stopAll(grace);
        blockstoreNodes.stopAll(grace);
        metaNodes.stopAll(grace);
        record.update(ClusterRecord::stopped);
    }

    private void stopFromShutdownHook() {
        try {
            stopAll(HOOK_STOP_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("stopping the local cluster at JVM exit failed", e);
        }
    }

    private synchronized void checkOpen() throws HydraException {
        if (closed) {
            throw new HydraException(ErrorCode.IO_ERROR, "the local cluster in " + layout.dir() + " was closed");
        }
    }

    private static String brief(List<NodeStatus> nodes) {
        return nodes.stream().map(NodeStatus::brief).collect(Collectors.joining(", "));
    }
}
