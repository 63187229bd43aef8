package io.hydrafs.ops.local;

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
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;

/**
 * The OS processes of one kind of node of a local cluster (its meta nodes, or its blockstores),
 * by 0-based index: launching one in its directory with its log and pid file, signals, and the
 * one-line explanation when one exits while starting. Every start and stop goes through the
 * {@link PidRecorder}, so that {@code cluster.properties} stays the one record of what runs.
 *
 * <p>Thread safety: the processes live in an atomic array, read without a lock by the JVM
 * shutdown hook; callers serialize launches and stops of one index.
 */
final class NodeGroup {
    private static final Logger LOG = LoggerFactory.getLogger(NodeGroup.class);
    static final Duration KILL_WAIT = Duration.ofSeconds(10);

    /** Where a node's pid is recorded while it runs. */
    interface PidRecorder {
        void started(String nodeId, NodePid pid);

        void stopped(String nodeId);
    }

    private final String kind;
    private final List<String> ids;
    private final IntFunction<List<String>> argv;
    private final ClusterLayout layout;
    private final PidRecorder recorder;
    private final AtomicReferenceArray<NodeProcess> processes;

    /**
     * @param kind how messages name a node: "meta node", "blockstore"
     * @param argv the command line of the node at an index
     */
    NodeGroup(String kind, List<String> ids, IntFunction<List<String>> argv, ClusterLayout layout, PidRecorder recorder) {
        this.kind = kind;
        this.ids = List.copyOf(ids);
        this.argv = argv;
        this.layout = layout;
        this.recorder = recorder;
        this.processes = new AtomicReferenceArray<>(ids.size());
    }

    int size() {
        return ids.size();
    }

    String id(int index) {
        return ids.get(index);
    }

    /** "blockstore b2": how messages name the node. */
    String describe(int index) {
        return kind + " " + id(index);
    }

    /** The pid of node {@code index}, or -1 if it does not run. */
    long pid(int index) {
        NodeProcess p = processes.get(index);
        return p != null && p.isAlive() ? p.pid() : -1;
    }

    boolean isAlive(int index) {
        return pid(index) > 0;
    }

    /** The pids of every process this group started or attached, running or not. */
    List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < processes.length(); i++) {
            NodeProcess p = processes.get(i);
            if (p != null) {
                pids.add(p.pid());
            }
        }
        return pids;
    }

    /** Adopts a running process another invocation launched. */
    void attach(int index, ProcessHandle handle) {
        processes.set(index, NodeProcess.attach(handle));
    }

    void launch(int index) throws HydraException {
        String id = id(index);
        Path log = layout.logFile(id);
        try {
            Files.createDirectories(layout.nodeDir(id));
            Files.writeString(log, NodeLogs.RUN_MARKER + Instant.now() + " starting " + describe(index) + " ====\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            NodeProcess p = NodeProcess.launch(argv.apply(index), layout.nodeDir(id), log);
            processes.set(index, p);
            Files.writeString(layout.pidFile(id), p.pid() + "\n", StandardCharsets.UTF_8);
            recorder.started(id, NodePid.of(p.handle()));
            LOG.info("started {} (pid {}), log {}", describe(index), p.pid(), log);
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot start " + describe(index) + ": " + e.getMessage(), e);
        }
    }

    /** IO_ERROR with the exit code and the log line that explains it if node {@code index} has exited. */
    void checkStillRunning(int index) throws HydraException {
        NodeProcess p = processes.get(index);
        if (p != null && !p.isAlive()) {
            String id = id(index);
            OptionalInt code = p.exitCode();
            String reason = NodeLogs.explainingLine(layout.logFile(id));
            throw new HydraException(ErrorCode.IO_ERROR, describe(index) + " exited"
                    + (code.isPresent() ? " with code " + code.getAsInt() : "") + " while starting"
                    + (reason.isEmpty() ? "" : ": " + reason) + "; see " + layout.logFile(id));
        }
    }

    void checkAllStillRunning() throws HydraException {
        for (int i = 0; i < size(); i++) {
            checkStillRunning(i);
        }
    }

    /** Crashes node {@code index} with SIGKILL and waits until it is gone; no-op if it does not run. */
    void kill(int index) throws HydraException {
        NodeProcess p = processes.get(index);
        if (p == null || !p.isAlive()) {
            return;
        }
        LOG.info("killing {} (pid {}) with SIGKILL", describe(index), p.pid());
        p.kill(KILL_WAIT);
        if (p.isAlive()) {
            throw new HydraException(ErrorCode.IO_ERROR, describe(index) + " (pid " + p.pid() + ") is still alive "
                    + KILL_WAIT.toSeconds() + " s after SIGKILL");
        }
        forget(index);
    }

    /** Stops node {@code index} cleanly (SIGTERM, SIGKILL after {@code grace}); no-op if it does not run. */
    void stop(int index, Duration grace) throws HydraException {
        NodeProcess p = processes.get(index);
        if (p == null || !p.isAlive()) {
            return;
        }
        p.terminate();
        awaitOrKill(index, p, grace, grace);
        if (p.isAlive()) {
            throw new HydraException(ErrorCode.IO_ERROR, describe(index) + " (pid " + p.pid() + ") survived SIGKILL");
        }
        forget(index);
    }

    /**
     * Stops every node at once (SIGTERM to all, then SIGKILL to those still running when
     * {@code grace} is over) and deletes their pid files; the caller records them stopped.
     */
    void stopAll(Duration grace) {
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
            Duration left = Duration.between(Instant.now(), deadline);
            awaitOrKill(i, processes.get(i), left.isNegative() ? Duration.ZERO : left, grace);
            deletePidFile(i);
        }
    }

    private void awaitOrKill(int index, NodeProcess p, Duration wait, Duration grace) {
        if (!p.awaitExit(wait)) {
            LOG.warn("{} (pid {}) did not stop within {} s of SIGTERM; sending SIGKILL", describe(index), p.pid(),
                    grace.toSeconds());
            p.kill(KILL_WAIT);
        }
        if (p.isAlive()) {
            LOG.error("{} (pid {}) survived SIGKILL", describe(index), p.pid());
        }
    }

    private void forget(int index) {
        deletePidFile(index);
        recorder.stopped(id(index));
    }

    private void deletePidFile(int index) {
        try {
            Files.deleteIfExists(layout.pidFile(id(index)));
        } catch (IOException e) {
            LOG.warn("cannot delete {}", layout.pidFile(id(index)), e);
        }
    }
}
