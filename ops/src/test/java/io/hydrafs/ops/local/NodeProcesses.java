package io.hydrafs.ops.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Test cleanup and leak checks for meta node processes. Every node a test starts, directly or
 * through the CLI, is a child of the test JVM, so "the processes this test left" is exactly the
 * live descendants of this JVM: no name matching, nothing of other users touched.
 */
public final class NodeProcesses {
    /** How long tests let a cluster become ready: generous, since the 2-core machine is shared. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private NodeProcesses() {
    }

    /** Live processes started by this JVM (and their children). */
    public static List<ProcessHandle> liveDescendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
    }

    /** SIGKILLs every live descendant and waits for it: the @AfterEach safety net. */
    public static void killAllDescendants() {
        List<ProcessHandle> live = liveDescendants();
        live.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : live) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by the leak assertions of the test itself
            }
        }
    }

    /** Whether the pid names no live process (ProcessHandle.of is empty once the OS has reaped it). */
    public static boolean isGone(long pid) {
        return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** Whether this JVM runs as root (uid 0), read from /proc; false where there is no /proc. */
    public static boolean runningAsRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).anyMatch(l -> l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The nice values of the threads of a live process (Linux /proc; field 19 of each task's stat). */
    public static Set<Integer> threadNiceValues(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.map(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+")[16]);
                } catch (IOException e) {
                    return null; // the thread ended while listing
                }
            }).filter(n -> n != null).collect(Collectors.toSet());
        }
    }
}
