package io.hydrafs.ops.local;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
}
