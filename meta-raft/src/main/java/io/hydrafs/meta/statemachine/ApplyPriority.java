package io.hydrafs.meta.statemachine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The CPU priority of the thread that applies committed entries: normal on the leader, the
 * lowest on a follower.
 *
 * <p>Why: a follower's apply is on no caller's path (the leader waits for a follower's log
 * append, never for its apply), yet it takes as much CPU as the leader's apply. Where the
 * busy threads outnumber the cores (three meta nodes, blockstores and clients on 2 cores),
 * it competes with the threads that are on the path: the followers' appends, the leader's
 * apply and its answers. Measured on one cluster, 10 interleaved pairs: meta.create and
 * meta.mkdir faster in 8 of 10 with the followers' apply threads at nice 4 to 19 than at 0.
 * The follower still applies every entry in order; it uses the CPU the path leaves idle.
 *
 * <p>When it works: only where the JVM maps Java priorities to nice values
 * ({@code -XX:ThreadPriorityPolicy=1}, which the local cluster launcher sets with
 * {@code -XX:JavaPriority1_To_OSPriority=19}) and a thread may also be raised back (root, or
 * CAP_SYS_NICE): a follower's apply thread becomes the leader's when it wins an election, and
 * must not stay at the lowest priority then. {@link #probe()} checks both on a scratch thread,
 * reading its nice value from {@code /proc/thread-self/stat}; where either fails (another OS,
 * the JVM's default policy, an unprivileged user) every call here does nothing.
 */
final class ApplyPriority {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyPriority.class);
    /** Field 19 of /proc/[pid]/task/[tid]/stat, counted from the state (field 3) after the name. */
    private static final int NICE_FIELD_AFTER_NAME = 19 - 3;

    private final boolean enabled;
    private volatile boolean follower;

    ApplyPriority(boolean enabled) {
        this.enabled = enabled;
    }

    /** Enabled where this JVM can lower a thread's priority and raise it back (see the class comment). */
    static ApplyPriority probed() {
        boolean works = probe();
        LOG.info(works ? "followers apply committed entries at the lowest CPU priority"
                : "the apply thread keeps its CPU priority: this JVM cannot lower a thread's and raise it back"
                + " (needs Linux, -XX:ThreadPriorityPolicy=1 and root or CAP_SYS_NICE)");
        return new ApplyPriority(works);
    }

    boolean enabled() {
        return enabled;
    }

    /** Ratis's leader changed; {@code toSelf} when this node is the new leader. */
    void leaderChanged(boolean toSelf) {
        follower = !toSelf;
    }

    /** Called on the apply thread before each entry: sets its priority for the node's current role. */
    void onApplyThread() {
        if (!enabled) {
            return;
        }
        int wanted = follower ? Thread.MIN_PRIORITY : Thread.NORM_PRIORITY;
        Thread self = Thread.currentThread();
        if (self.getPriority() != wanted) {
            self.setPriority(wanted);
        }
    }

    static boolean probe() {
        AtomicBoolean works = new AtomicBoolean();
        Thread scratch = new Thread(() -> {
            Thread self = Thread.currentThread();
            OptionalInt before = niceOfThisThread();
            self.setPriority(Thread.MIN_PRIORITY);
            OptionalInt lowered = niceOfThisThread();
            self.setPriority(Thread.NORM_PRIORITY);
            OptionalInt restored = niceOfThisThread();
            works.set(before.isPresent() && lowered.isPresent() && restored.isPresent()
                    && lowered.getAsInt() > before.getAsInt() && restored.getAsInt() == before.getAsInt());
        }, "apply-priority-probe");
        scratch.setDaemon(true);
        scratch.start();
        try {
            scratch.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return works.get();
    }

    private static OptionalInt niceOfThisThread() {
        try {
            return niceOf(Files.readString(Path.of("/proc/thread-self/stat"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** The nice value in a /proc stat line; the name field may hold blanks and parentheses. */
    static OptionalInt niceOf(String statLine) {
        int nameEnd = statLine.lastIndexOf(')');
        if (nameEnd < 0) {
            return OptionalInt.empty();
        }
        String[] fields = statLine.substring(nameEnd + 1).trim().split("\\s+");
        if (fields.length <= NICE_FIELD_AFTER_NAME) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(fields[NICE_FIELD_AFTER_NAME]));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
