package io.hydrafs.compute.sort;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.EmittingContext;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.serde.Serde;

import java.io.IOException;
import java.util.Map;

/**
 * Runs the job's combiner over one sorted partition on its way to a run file, or copies the
 * records unchanged when the job has none. A fresh combiner instance per partition keeps
 * user state from leaking between partitions.
 */
final class Combining<K, V> {
    private final MapOutputSpec<K, V> spec;
    private final Counters counters;
    private final Map<String, String> config;
    private final TaskAttemptId attempt;

    Combining(MapOutputSpec<K, V> spec, Counters counters, Map<String, String> config, TaskAttemptId attempt) {
        this.spec = spec;
        this.counters = counters;
        this.config = config;
        this.attempt = attempt;
    }

    /** Whether the job has a combiner (without one, {@link #write} copies). */
    boolean combines() {
        return spec.combiner() != null;
    }

    /** Writes {@code sorted} (one partition) to {@code out}; returns the records written. */
    long write(RecordSource sorted, RunWriter out) throws IOException {
        if (spec.combiner() == null) {
            long n = 0;
            for (RawRecord r = sorted.next(); r != null; r = sorted.next()) {
                out.write(r);
                n++;
            }
            return n;
        }
        Serde<K> keySerde = spec.keySerde();
        Serde<V> valueSerde = spec.valueSerde();
        long[] written = {0};
        EmittingContext<K, V> context = new EmittingContext<>((k, v) -> {
            byte[] key = keySerde.toBytes(k);
            byte[] value = valueSerde.toBytes(v);
            out.write(key, 0, key.length, value, 0, value.length);
            written[0]++;
        }, counters, config, attempt);
        Reducer<K, V, K, V> combiner = spec.combiner().get();
        KeyGroups<V> groups = new KeyGroups<>(sorted, spec.comparator(), valueSerde);
        combiner.setup(context);
        while (groups.nextGroup()) {
            combiner.reduce(keySerde.fromBytes(groups.key()), groups.values(), context);
        }
        combiner.cleanup(context);
        groups.nextGroup();  // counts values the combiner skipped in its last group
        counters.increment(TaskCounter.COMBINE_INPUT_RECORDS, groups.records());
        counters.increment(TaskCounter.COMBINE_OUTPUT_RECORDS, written[0]);
        return written[0];
    }
}
