package io.hydrafs.compute.api;

import java.io.IOException;
import java.util.Map;

/**
 * What user code sees of its task attempt: where to emit output, its counters, the job's
 * configuration and which attempt it is. Not thread-safe: one task attempt, one thread.
 */
public interface Context<K, V> {

    /** Passes one output record on (to the sort buffer for a map, to the output for a reduce). */
    void emit(K key, V value) throws IOException;

    /** This attempt's counters; merged into the job's only if the attempt succeeds. */
    Counters counters();

    /** Adds {@code delta} to the user counter {@code group}/{@code name}. */
    default void count(String group, String name, long delta) {
        counters().increment(group, name, delta);
    }

    /** The job's configuration (read-only). */
    Map<String, String> config();

    /** Which task and attempt this is, e.g. {@code m-00003_1}. */
    TaskAttemptId attempt();
}
