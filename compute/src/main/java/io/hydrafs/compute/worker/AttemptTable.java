package io.hydrafs.compute.worker;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.AttemptState;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.protocol.compute.AttemptStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The attempts of one worker and what became of them, until the coordinator has heard it:
 * an attempt is listed on every heartbeat while it runs and on the next one after it ended;
 * it is forgotten once that heartbeat was answered and its thread is gone. A slot stays
 * taken until the attempt's thread ends (a killed attempt may take a moment to stop).
 * Thread-safe: attempt threads and the heartbeat thread share it.
 */
final class AttemptTable {
    private static final class Entry {
        Future<?> future;
        AttemptState state = AttemptState.RUNNING;
        Counters counters;
        String error;
        boolean threadDone;
    }

    private final Map<AttemptKey, Entry> entries = new LinkedHashMap<>();

    synchronized void started(AttemptKey key) {
        entries.put(key, new Entry());
    }

    synchronized void setFuture(AttemptKey key, Future<?> future) {
        Entry e = entries.get(key);
        if (e != null) {
            e.future = future;
            if (e.state == AttemptState.KILLED) {
                future.cancel(true);
            }
        }
    }

    /** The attempt's own outcome; ignored if it was killed meanwhile. */
    synchronized void ended(AttemptKey key, AttemptState state, Counters counters, String error) {
        Entry e = entries.get(key);
        if (e != null && e.state == AttemptState.RUNNING) {
            e.state = state;
            e.counters = counters;
            e.error = error;
        }
    }

    synchronized void threadDone(AttemptKey key) {
        Entry e = entries.get(key);
        if (e != null) {
            e.threadDone = true;
        }
    }

    synchronized boolean killed(AttemptKey key) {
        Entry e = entries.get(key);
        return e != null && e.state == AttemptState.KILLED;
    }

    /** Stops an attempt (interrupting its thread); it is then reported KILLED. */
    synchronized void kill(AttemptKey key) {
        Entry e = entries.get(key);
        if (e != null && e.state == AttemptState.RUNNING) {
            e.state = AttemptState.KILLED;
            if (e.future != null) {
                e.future.cancel(true);
            }
        }
    }

    synchronized void killAll() {
        List.copyOf(entries.keySet()).forEach(this::kill);
    }

    /** What the next heartbeat reports. */
    synchronized List<AttemptStatus> statuses() {
        List<AttemptStatus> out = new ArrayList<>();
        entries.forEach((key, e) -> {
            AttemptStatus.Builder b = AttemptStatus.newBuilder().setAttempt(ComputeWire.toProto(key))
                    .setState(io.hydrafs.protocol.compute.AttemptState.valueOf("ATTEMPT_" + e.state.name()));
            if (e.counters != null) {
                b.addAllCounters(ComputeWire.toProto(e.counters));
            }
            if (e.error != null) {
                b.setError(e.error);
            }
            out.add(b.build());
        });
        return out;
    }

    /** A heartbeat carrying {@code reported} was answered: ended attempts in it are known. */
    synchronized void acknowledged(List<AttemptStatus> reported) {
        for (AttemptStatus s : reported) {
            if (s.getState() == io.hydrafs.protocol.compute.AttemptState.ATTEMPT_RUNNING) {
                continue;
            }
            entries.entrySet().removeIf(en -> en.getValue().threadDone
                    && ComputeWire.toProto(en.getKey()).equals(s.getAttempt()));
        }
    }

    synchronized int busySlots() {
        return (int) entries.values().stream().filter(e -> !e.threadDone).count();
    }
}
