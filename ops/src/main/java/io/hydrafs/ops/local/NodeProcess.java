package io.hydrafs.ops.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One meta node's OS process: either launched by this JVM (then its exit code is known) or
 * found again from a pid another CLI invocation recorded. Stopping is by signal only, which is
 * what a real operator's tooling does: SIGTERM lets the node close its Raft log and RocksDB
 * store (MetaCommand's shutdown hook), SIGKILL is a crash.
 */
final class NodeProcess {
    private static final File DEV_NULL = new File("/dev/null");

    private final ProcessHandle handle;
    private final Process process;   // null when attached by pid

    private NodeProcess(ProcessHandle handle, Process process) {
        this.handle = handle;
        this.process = process;
    }

    /**
     * Starts {@code argv} in {@code workDir} with stdout and stderr appended to {@code logFile}
     * and no stdin, so the node never depends on this JVM's streams and outlives it if asked to.
     */
    static NodeProcess launch(List<String> argv, Path workDir, Path logFile) throws IOException {
        Files.createDirectories(workDir);
        ProcessBuilder pb = new ProcessBuilder(argv)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (DEV_NULL.exists()) {
            pb.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL));
        }
        Process p = pb.start();
        return new NodeProcess(p.toHandle(), p);
    }

    static NodeProcess attach(ProcessHandle handle) {
        return new NodeProcess(handle, null);
    }

    long pid() {
        return handle.pid();
    }

    ProcessHandle handle() {
        return handle;
    }

    boolean isAlive() {
        return handle.isAlive();
    }

    /** The exit code, if this JVM launched the process and it has exited. */
    OptionalInt exitCode() {
        if (process == null || process.isAlive()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(process.exitValue());
    }

    /** Asks the node to stop cleanly (SIGTERM); does not wait. */
    void terminate() {
        handle.destroy();
    }

    /** Crashes the node (SIGKILL) and waits until the OS has reaped it, so its ports are free. */
    void kill(Duration wait) {
        handle.destroyForcibly();
        awaitExit(wait);
    }

    /** Whether the process is gone within {@code wait}. */
    boolean awaitExit(Duration wait) {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            handle.onExit().get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }
}
