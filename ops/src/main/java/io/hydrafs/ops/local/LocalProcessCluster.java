package io.hydrafs.ops.local;

import io.hydrafs.client.ClientOptions;
import io.hydrafs.meta.server.MetaPeer;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.Collectors;

/**
 * A HydraFS metadata group of N meta nodes, each a separate OS process on 127.0.0.1: the
 * process-level sibling of the in-JVM {@code MiniCluster}, and what {@code hydra cluster} and
 * {@code hydra quickstart} run. Each node runs {@code HydraCli meta} from the generated
 * {@code hydra.properties}, in its own directory with its own log and pid file
 * ({@link ClusterLayout}).
 *
 * <p>Two ways to get one: {@link #start} launches the nodes and returns once every node
 * answers and a leader serves; {@link #attach} finds the running nodes of a cluster another
 * CLI invocation started, through {@code cluster.properties}.
 *
 * <p>Lifetime contract: {@link #close()} stops every node (SIGTERM, then SIGKILL after the
 * stop timeout) and keeps the data, so a later start restarts the same cluster. A started
 * cluster also registers a JVM shutdown hook that does the same, so an interrupted test or
 * Ctrl-C never leaves nodes behind; {@link #detach()} drops that hook (and this object's hold)
 * when the nodes are meant to outlive this JVM, as after {@code hydra cluster start}. An
 * attached cluster has no hook: it is someone else's until {@code close} stops it.
 *
 * <p>Node indexes are 0-based in the API; node ids are 1-based (index 0 is m1).
 */
public final class LocalProcessCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalProcessCluster.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    /** The hook runs while the JVM exits: give the nodes less time to stop cleanly than close() does. */
    private static final Duration HOOK_STOP_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterLayout layout;
    private final NodeCommand command;
    private final Duration readyTimeout;
    private final Duration stopTimeout;
    private final List<MetaPeer> peers;
    /** Read without the lock by the shutdown hook, so it never waits for a thread stuck in a call. */
    private final AtomicReferenceArray<NodeProcess> processes;
    private final StatusProbe probe;
    private final Thread shutdownHook;
    private ClusterRecord record;
    private boolean hookRegistered;
    private boolean closed;

    private LocalProcessCluster(ClusterLayout layout, ClusterRecord record, NodeCommand command,
                                Duration readyTimeout, Duration stopTimeout) {
        this.layout = layout;
        this.record = record;
        this.command = command;
        this.readyTimeout = readyTimeout;
        this.stopTimeout = stopTimeout;
        this.peers = record.peers();
        this.processes = new AtomicReferenceArray<>(peers.size());
        this.probe = new StatusProbe(record.metaAddresses());
        this.shutdownHook = new Thread(this::stopFromShutdownHook, "hydra-local-cluster-stop");
    }

    /**
     * Starts the cluster in {@code options.dir()} (a new one, or the stopped one found there) and
     * waits until every node answers and a leader serves.
     *
     * @throws HydraException one line saying what is wrong: a cluster already runs there
     *         (FILE_ALREADY_EXISTS), the directory is not usable or a port is taken (IO_ERROR),
     *         a node exited while starting (IO_ERROR) or the group was not ready in time
     *         (TIMEOUT); the message names the node logs. Nodes already started are stopped.
     */
    public static LocalProcessCluster start(LocalClusterOptions options) throws HydraException {
        options.validate();
        ClusterLayout layout = new ClusterLayout(options.dir());
        ClusterRecord record = ClusterDirectory.prepare(layout, options);
        LocalProcessCluster cluster = new LocalProcessCluster(layout, record, options.command(),
                options.readyTimeout(), options.stopTimeout());
        cluster.registerShutdownHook();
        try {
            for (int i = 0; i < cluster.size(); i++) {
                cluster.launch(i);
            }
            cluster.awaitReady();
            return cluster;
        } catch (HydraException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * The cluster running in {@code dir}: its nodes that still run (at least one).
     *
     * @throws HydraException NOT_READY if {@code dir} holds no cluster or none of its nodes runs
     */
    public static LocalProcessCluster attach(Path dir) throws HydraException {
        ClusterLayout layout = new ClusterLayout(dir);
        ClusterRecord record = ClusterRecord.load(layout).orElseThrow(() -> new HydraException(ErrorCode.NOT_READY,
                "no HydraFS cluster in " + layout.dir() + " ('hydra cluster start --dir " + layout.dir() + "' starts one)"));
        Map<String, ProcessHandle> running = ClusterDirectory.running(record);
        if (running.isEmpty()) {
            throw new HydraException(ErrorCode.NOT_READY, "the HydraFS cluster in " + layout.dir()
                    + " is not running ('hydra cluster start --dir " + layout.dir() + "' starts it)");
        }
        LocalClusterOptions defaults = LocalClusterOptions.builder(dir).build();
        LocalProcessCluster cluster = new LocalProcessCluster(layout, record, defaults.command(),
                defaults.readyTimeout(), defaults.stopTimeout());
        for (int i = 0; i < cluster.size(); i++) {
            ProcessHandle h = running.get(cluster.peers.get(i).id());
            if (h != null) {
                cluster.processes.set(i, NodeProcess.attach(h));
            }
        }
        return cluster;
    }

    /** The client endpoints of the cluster running in {@code dir} (what {@code hydra bench --dir} uses). */
    public static List<String> runningMetaAddresses(Path dir) throws HydraException {
        LocalProcessCluster cluster = attach(dir);
        cluster.detach();
        return cluster.metaAddresses();
    }

    public Path dir() {
        return layout.dir();
    }

    public ClusterLayout layout() {
        return layout;
    }

    public int size() {
        return peers.size();
    }

    public List<MetaPeer> peers() {
        return peers;
    }

    public String nodeId(int index) {
        return peers.get(index).id();
    }

    /** Client endpoints of every node, running or not, in node order. */
    public List<String> metaAddresses() {
        return peers.stream().map(MetaPeer::rpcAddress).toList();
    }

    /** Client options naming every node; add a user or timeouts, then build. */
    public ClientOptions.Builder clientOptions() {
        return ClientOptions.builder().metaAddresses(metaAddresses());
    }

    /** The pid of node {@code index}, or -1 if it does not run. */
    public long pid(int index) {
        NodeProcess p = processes.get(index);
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    public boolean isAlive(int index) {
        return pid(index) > 0;
    }

    /** The pids of every process this object started or attached, running or not (for leak checks). */
    public List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < processes.length(); i++) {
            NodeProcess p = processes.get(i);
            if (p != null) {
                pids.add(p.pid());
            }
        }
        return pids;
    }

    /** Each node's process state and, if it answered, its role, term and applied index. */
    public List<NodeStatus> status() {
        List<NodeStatus> all = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            MetaPeer peer = peers.get(i);
            long pid = pid(i);
            all.add(pid < 0 ? NodeStatus.down(peer.id(), peer.rpcAddress()) : probe.probe(peer, pid));
        }
        return all;
    }

    /** Index of the node that reports itself LEADER (the highest term wins), or -1. */
    public int leaderIndex() {
        return NodeStatus.leaderIndex(status());
    }

    /** Waits until some running node is leader; returns its index. TIMEOUT after {@code timeout}. */
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
            pause();
        }
    }

    /** Crashes node {@code index} with SIGKILL and waits until it is gone; no-op if it does not run. */
    public synchronized void kill(int index) throws HydraException {
        NodeProcess p = processes.get(index);
        if (p == null || !p.isAlive()) {
            return;
        }
        LOG.info("killing meta node {} (pid {}) with SIGKILL", nodeId(index), p.pid());
        p.kill(KILL_WAIT);
        if (p.isAlive()) {
            throw new HydraException(ErrorCode.IO_ERROR, "meta node " + nodeId(index) + " (pid " + p.pid()
                    + ") is still alive " + KILL_WAIT.toSeconds() + " s after SIGKILL");
        }
        forget(index);
    }

    /**
     * Starts node {@code index} again, on its ports and directory, and waits until it answers
     * (it then catches up with the leader by itself).
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
        launch(index);
        Instant deadline = Instant.now().plus(readyTimeout);
        while (!probe.probe(peers.get(index), pid(index)).answered()) {
            checkStillRunning(index);
            if (Instant.now().isAfter(deadline)) {
                throw new HydraException(ErrorCode.TIMEOUT, "meta node " + nodeId(index) + " did not answer within "
                        + readyTimeout.toSeconds() + " s; see " + layout.logFile(nodeId(index)));
            }
            pause();
        }
    }

    /**
     * Stops every node (SIGTERM, SIGKILL for those still running after the stop timeout) and
     * waits until all are gone. The data stays. Idempotent.
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
            saveRecord(ClusterRecord.stopped(peers));
        } finally {
            probe.close();
            unregisterShutdownHook();
        }
    }

    /** Leaves the nodes running beyond this object and this JVM; the object is unusable afterwards. */
    public synchronized void detach() {
        closed = true;
        probe.close();
        unregisterShutdownHook();
    }

    // ---- internals ----

    private void launch(int index) throws HydraException {
        String id = nodeId(index);
        Path log = layout.logFile(id);
        try {
            Files.createDirectories(layout.nodeDir(id));
            Files.writeString(log, NodeLogs.RUN_MARKER + Instant.now() + " starting meta node " + id + " ====\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            NodeProcess p = NodeProcess.launch(command.argv(layout, id), layout.nodeDir(id), log);
            processes.set(index, p);
            Files.writeString(layout.pidFile(id), p.pid() + "\n", StandardCharsets.UTF_8);
            saveRecord(recordNow().withPid(id, NodePid.of(p.handle())));
            LOG.info("started meta node {} (pid {}), log {}", id, p.pid(), log);
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot start meta node " + id + ": " + e.getMessage(), e);
        }
    }

    /** Until every node answers and a read through the failover client succeeds. */
    private void awaitReady() throws HydraException {
        Instant deadline = Instant.now().plus(readyTimeout);
        while (true) {
            for (int i = 0; i < size(); i++) {
                checkStillRunning(i);
            }
            List<NodeStatus> now = status();
            boolean allAnswer = now.stream().allMatch(NodeStatus::answered);
            if (allAnswer && NodeStatus.leaderIndex(now) >= 0 && probe.groupServes()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new HydraException(ErrorCode.TIMEOUT, "the meta nodes were not ready within "
                        + readyTimeout.toSeconds() + " s (" + brief(now) + "); see the node logs " + layout.logHint());
            }
            pause();
        }
    }

    private void checkStillRunning(int index) throws HydraException {
        NodeProcess p = processes.get(index);
        if (p != null && !p.isAlive()) {
            String id = nodeId(index);
            OptionalInt code = p.exitCode();
            String reason = NodeLogs.explainingLine(layout.logFile(id));
            throw new HydraException(ErrorCode.IO_ERROR, "meta node " + id + " exited"
                    + (code.isPresent() ? " with code " + code.getAsInt() : "") + " while starting"
                    + (reason.isEmpty() ? "" : ": " + reason) + "; see " + layout.logFile(id));
        }
    }

    private void stopAll(Duration grace) {
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < processes.length(); i++) {
            NodeProcess p = processes.get(i);
            if (p != null && p.isAlive()) {
                p.terminate();
                running.add(i);
            }
        }
        Instant deadline = Instant.now().plus(grace);
        for (int i : running) {
            NodeProcess p = processes.get(i);
            Duration left = Duration.between(Instant.now(), deadline);
            if (!p.awaitExit(left.isNegative() ? Duration.ZERO : left)) {
                LOG.warn("meta node {} (pid {}) did not stop within {} s of SIGTERM; sending SIGKILL",
                        nodeId(i), p.pid(), grace.toSeconds());
                p.kill(KILL_WAIT);
            }
            if (p.isAlive()) {
                LOG.error("meta node {} (pid {}) survived SIGKILL", nodeId(i), p.pid());
            }
            deletePidFile(i);
        }
    }

    private void stopFromShutdownHook() {
        try {
            stopAll(HOOK_STOP_TIMEOUT);
            saveRecord(ClusterRecord.stopped(peers));
        } catch (RuntimeException e) {
            LOG.warn("stopping the local cluster at JVM exit failed", e);
        }
    }

    private void forget(int index) {
        deletePidFile(index);
        saveRecord(recordNow().withoutPid(nodeId(index)));
    }

    private void deletePidFile(int index) {
        try {
            Files.deleteIfExists(layout.pidFile(nodeId(index)));
        } catch (IOException e) {
            LOG.warn("cannot delete {}", layout.pidFile(nodeId(index)), e);
        }
    }

    private synchronized ClusterRecord recordNow() {
        return record;
    }

    /** Best effort: a stale record only costs a later command a pid check, which rejects dead pids. */
    private synchronized void saveRecord(ClusterRecord next) {
        record = next;
        try {
            next.save(layout);
        } catch (HydraException e) {
            LOG.warn("cannot update {}", layout.clusterProperties(), e);
        }
    }

    private synchronized void registerShutdownHook() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        hookRegistered = true;
    }

    private synchronized void unregisterShutdownHook() {
        if (!hookRegistered) {
            return;
        }
        hookRegistered = false;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook is running or has run
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

    private static void pause() throws HydraException {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HydraException(ErrorCode.IO_ERROR, "interrupted while waiting for the meta nodes", e);
        }
    }
}
