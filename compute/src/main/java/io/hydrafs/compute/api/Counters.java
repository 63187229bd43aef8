package io.hydrafs.compute.api;

import io.hydrafs.protocol.error.Invariants;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named counts, grouped: the runtime's own ({@link TaskCounter}, group {@value #TASK_GROUP})
 * and any the user adds. One instance per task attempt, written by that attempt's thread only;
 * the runner merges a successful attempt's counters into the job's under its own lock, so
 * this class needs no synchronisation of its own.
 */
public final class Counters {
    public static final String TASK_GROUP = "hydra.task";

    private final Map<String, Map<String, Long>> groups = new TreeMap<>();

    public void increment(TaskCounter counter, long delta) {
        increment(TASK_GROUP, counter.name(), delta);
    }

    public void increment(String group, String name, long delta) {
        Invariants.check(group != null && name != null, "counter group and name must be set");
        groups.computeIfAbsent(group, g -> new TreeMap<>()).merge(name, delta, Long::sum);
    }

    public long get(TaskCounter counter) {
        return get(TASK_GROUP, counter.name());
    }

    /** The value, 0 for a counter never incremented. */
    public long get(String group, String name) {
        Map<String, Long> g = groups.get(group);
        return g == null ? 0 : g.getOrDefault(name, 0L);
    }

    /** Adds every counter of {@code other} into this one. */
    public void add(Counters other) {
        other.groups.forEach((group, values) -> values.forEach((name, v) -> increment(group, name, v)));
    }

    /** A read-only snapshot: group to name to value, sorted. */
    public Map<String, Map<String, Long>> snapshot() {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        groups.forEach((g, values) -> copy.put(g, Collections.unmodifiableMap(new TreeMap<>(values))));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return groups.toString();
    }
}
