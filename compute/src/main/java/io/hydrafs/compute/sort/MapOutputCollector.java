package io.hydrafs.compute.sort;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.protocol.error.Invariants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A map task's output path, as in Hadoop's MapOutputBuffer: each emitted record is
 * serialised, given its partition and put in a bounded {@link MapOutputBuffer} (a
 * {@link SortBuffer}, or for a job with a combiner a {@link CombiningTable} that combines
 * each key's values as they arrive); a full buffer is sorted, combined and spilled to a run
 * file in {@code workDir}; {@link #finish()} spills the
 * rest and k-way merges all spills (combining again) into one sorted run per partition.
 *
 * <p>Memory stays within the budget whatever the input size; disk holds at most the spills
 * plus the final file. Spill files are deleted once merged. One thread per collector.
 */
public final class MapOutputCollector<K, V> {
    private final MapOutputSpec<K, V> spec;
    private final MapOutputBuffer buffer;
    private final Path workDir;
    private final Counters counters;
    private final Combining<K, V> combining;
    private final List<MapOutputFile> spills = new ArrayList<>();
    private boolean finished;
    /** Added to the counters at the end: a map increment per record costs. */
    private long outputRecords;

    public MapOutputCollector(MapOutputSpec<K, V> spec, long bufferBytes, Path workDir, Counters counters,
                              Map<String, String> config, TaskAttemptId attempt) {
        this(spec, bufferBytes, workDir, counters, config, attempt, spec.combiner() != null);
    }

    /** {@code combineOnArrival} false: a job with a combiner still sorts every record (for tests). */
    MapOutputCollector(MapOutputSpec<K, V> spec, long bufferBytes, Path workDir, Counters counters,
                       Map<String, String> config, TaskAttemptId attempt, boolean combineOnArrival) {
        Invariants.check(!combineOnArrival || spec.combiner() != null, "combining on arrival needs a combiner");
        this.spec = spec;
        this.buffer = combineOnArrival ? new CombiningTable<>(spec, bufferBytes, counters, config, attempt)
                : new SortBuffer(bufferBytes, spec.comparator());
        this.workDir = workDir;
        this.counters = counters;
        this.combining = new Combining<>(spec, counters, config, attempt);
    }

    public void collect(K key, V value) throws IOException {
        Invariants.check(!finished, "collect after finish");
        byte[] k = spec.keySerde().toBytes(key);
        byte[] v = spec.valueSerde().toBytes(value);
        int p = spec.partitioner().partition(k, spec.partitions());
        Invariants.check(p >= 0 && p < spec.partitions(), "partitioner returned %d of %d", p, spec.partitions());
        outputRecords++;
        if (!buffer.add(p, k, v)) {
            spill();
            Invariants.check(buffer.add(p, k, v), "an empty sort buffer accepts any record");
        }
    }

    /** Spills made so far (for tests and counters). */
    public int spillCount() {
        return spills.size();
    }

    private void spill() throws IOException {
        Path file = workDir.resolve("spill-" + spills.size());
        long[] offsets = new long[spec.partitions() + 1];
        buffer.sort(spec.partitions());
        try (RunWriter out = new RunWriter(file)) {
            // partitions are combined one at a time so the combiner sees a plain sorted stream
            for (int p = 0; p < spec.partitions(); p++) {
                offsets[p] = out.position();
                counters.increment(TaskCounter.SPILLED_RECORDS, buffer.spillPartition(p, out, combining));
            }
            offsets[spec.partitions()] = out.position();
        }
        buffer.clear();
        spills.add(new MapOutputFile(file, offsets));
    }

    /**
     * Ends the output: the sorted, combined runs of every partition in one file named
     * {@code name} in the work directory.
     */
    public MapOutputFile finish(String name) throws IOException {
        Invariants.check(!finished, "finish twice");
        finished = true;
        counters.increment(TaskCounter.MAP_OUTPUT_RECORDS, outputRecords);
        if (!buffer.isEmpty() || spills.isEmpty()) {
            spill();
        }
        Path target = workDir.resolve(name);
        if (spills.size() == 1) {
            MapOutputFile only = spills.get(0);
            Files.move(only.file(), target);
            return new MapOutputFile(target, only.offsets());
        }
        long[] offsets = new long[spec.partitions() + 1];
        try (RunWriter out = new RunWriter(target)) {
            for (int p = 0; p < spec.partitions(); p++) {
                offsets[p] = out.position();
                List<RunReader> runs = new ArrayList<>();
                for (MapOutputFile s : spills) {
                    runs.add(s.open(p));
                }
                try (MergingSource merged = new MergingSource(runs, spec.comparator())) {
                    counters.increment(TaskCounter.SPILLED_RECORDS, combining.write(merged, out));
                }
            }
            offsets[spec.partitions()] = out.position();
        }
        for (MapOutputFile s : spills) {
            Files.deleteIfExists(s.file());
        }
        return new MapOutputFile(target, offsets);
    }
}
