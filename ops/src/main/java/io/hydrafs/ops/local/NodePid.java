package io.hydrafs.ops.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A process as another CLI invocation can find it again: its pid and, where the OS tells, its
 * start time. The start time guards against pid reuse: a recorded node whose pid now belongs
 * to a process started at another time is not that node.
 */
public record NodePid(long pid, Instant startedAt) {
    /** /proc start times are in clock ticks, so two readings may differ by a few ms. */
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(1);

    public NodePid {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, got " + pid);
        }
    }

    public static NodePid of(ProcessHandle process) {
        return new NodePid(process.pid(), process.info().startInstant().orElse(null));
    }

    /** The live process this record names, if it is still running. */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::sameStart);
    }

    private boolean sameStart(ProcessHandle process) {
        Optional<Instant> actual = process.info().startInstant();
        if (startedAt == null || actual.isEmpty()) {
            return true;
        }
        return Duration.between(startedAt, actual.get()).abs().compareTo(START_TIME_TOLERANCE) <= 0;
    }
}
