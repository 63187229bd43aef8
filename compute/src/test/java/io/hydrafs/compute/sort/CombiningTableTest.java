package io.hydrafs.compute.sort;

import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.api.Context;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.partition.HashPartitioner;
import io.hydrafs.compute.serde.KeyComparator;
import io.hydrafs.compute.serde.LongSerde;
import io.hydrafs.compute.serde.TextSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The map output path of a job with a combiner: combining on arrival ({@link CombiningTable}). */
class CombiningTableTest {
    private static final int PARTITIONS = 3;
    private static final TaskAttemptId ATTEMPT = new TaskAttemptId(TaskAttemptId.TaskType.MAP, 0, 0);

    @TempDir
    Path dir;


    /** Passes every value through: a legal combiner that never shrinks anything. */
    static final class Identity implements Reducer<String, Long, String, Long> {
        @Override
        public void reduce(String key, Iterable<Long> values, Context<String, Long> context) throws IOException {
            for (long v : values) {
                context.emit(key, v);
            }
        }
    }

    /** One run of a collector over some input: its output file's records and its counters. */
    private record Run(List<List<String>> partitions, Counters counters, int spills) {
        long count(TaskCounter c) {
            return counters.get(c);
        }

        long outputRecords() {
            return partitions.stream().mapToLong(List::size).sum();
        }
    }

    private Run collect(Supplier<? extends Reducer<String, Long, String, Long>> combiner, boolean onArrival,
                        long bufferBytes, List<String> words) throws IOException {
        MapOutputSpec<String, Long> spec = new MapOutputSpec<>(PARTITIONS, HashPartitioner.INSTANCE,
                TextSerde.INSTANCE, LongSerde.INSTANCE, KeyComparator.UNSIGNED_BYTES, combiner);
        Counters counters = new Counters();
        Path work = dir.resolve((onArrival ? "arrival-" : "sorted-") + System.nanoTime());
        java.nio.file.Files.createDirectories(work);
        MapOutputCollector<String, Long> collector = new MapOutputCollector<>(spec, bufferBytes, work, counters,
                Map.of(), ATTEMPT, onArrival);
        for (String w : words) {
            collector.collect(w, 1L);
        }
        MapOutputFile out = collector.finish("map.out");
        List<List<String>> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            List<String> records = new ArrayList<>();
            try (RunReader reader = out.open(p)) {
                for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                    records.add(TextSerde.INSTANCE.fromBytes(r.key()) + "=" + LongSerde.INSTANCE.fromBytes(r.value()));
                }
            }
            partitions.add(records);
        }
        return new Run(partitions, counters, collector.spillCount());
    }

    /** Skewed words, as natural text: a few are very frequent, most rare. */
    private static List<String> zipfWords(int n, int vocabulary, long seed) {
        Random random = new Random(seed);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int rank = (int) Math.min(vocabulary - 1, Math.floor(Math.pow(vocabulary, random.nextDouble())) - 1);
            words.add("w" + rank);
        }
        return words;
    }

    /** Every record that entered a combiner left it as its output: what the file holds adds up. */
    private static void assertCountersAccountForEveryRecord(Run run, long mapOutputRecords) {
        assertEquals(mapOutputRecords, run.count(TaskCounter.MAP_OUTPUT_RECORDS));
        assertEquals(run.outputRecords(), run.count(TaskCounter.MAP_OUTPUT_RECORDS)
                - run.count(TaskCounter.COMBINE_INPUT_RECORDS) + run.count(TaskCounter.COMBINE_OUTPUT_RECORDS));
    }

    @Test
    void combiningOnArrivalWritesTheSameMapOutputAsSortingThenCombining() throws IOException {
        List<String> words = zipfWords(200_000, 5_000, 1);

        Run sorted = collect(WordCount.SumReducer::new, false, 64 << 20, words);
        Run onArrival = collect(WordCount.SumReducer::new, true, 64 << 20, words);

        assertEquals(1, sorted.spills());
        assertEquals(1, onArrival.spills());
        assertEquals(sorted.partitions(), onArrival.partitions());
        assertEquals(sorted.count(TaskCounter.SPILLED_RECORDS), onArrival.count(TaskCounter.SPILLED_RECORDS));
        assertCountersAccountForEveryRecord(sorted, words.size());
        assertCountersAccountForEveryRecord(onArrival, words.size());
    }

    @Test
    void aFullTableOfDistinctKeysSpillsAndTheMergeStillSumsEveryKey() throws IOException {
        List<String> words = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int k = 0; k < 2_000; k++) {
                words.add("k" + k);  // every key pending once: combining frees nothing, so the table spills
            }
        }

        Run sorted = collect(WordCount.SumReducer::new, false, 64 << 20, words);
        Run onArrival = collect(WordCount.SumReducer::new, true, 32 << 10, words);

        assertTrue(onArrival.spills() > 3, "spills: " + onArrival.spills());
        assertEquals(sorted.partitions(), onArrival.partitions());
        assertTrue(onArrival.partitions().stream().flatMap(List::stream).allMatch(r -> r.endsWith("=3")));
        assertCountersAccountForEveryRecord(onArrival, words.size());
        assertTrue(onArrival.count(TaskCounter.SPILLED_RECORDS) > words.size() / 3 + onArrival.outputRecords(),
                "spilled records count every spill and the merge again");
    }

    @Test
    void aHotKeyIsCombinedInPlaceSoFewKeysNeverFillTheTable() throws IOException {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            words.add(i % 10 == 0 ? "rare" + (i % 7) : "hot");
        }

        Run run = collect(WordCount.SumReducer::new, true, 16 << 10, words);

        assertEquals(1, run.spills());
        assertEquals(8, run.outputRecords());
        assertTrue(run.partitions().stream().flatMap(List::stream).anyMatch(r -> r.equals("hot=90000")));
        assertTrue(run.count(TaskCounter.COMBINE_INPUT_RECORDS) >= words.size(), "every value went through a combiner");
        assertCountersAccountForEveryRecord(run, words.size());
    }

    @Test
    void aCombinerThatShrinksNothingKeepsEveryValueAndTerminates() throws IOException {
        List<String> words = zipfWords(50_000, 100, 2);

        Run sorted = collect(Identity::new, false, 64 << 20, words);
        Run onArrival = collect(Identity::new, true, 64 << 20, words);

        assertEquals(words.size(), onArrival.outputRecords());
        assertEquals(sorted.partitions(), onArrival.partitions());
        assertCountersAccountForEveryRecord(onArrival, words.size());
        // doubling the in-place threshold per key bounds the work: O(1) combine inputs per value
        assertTrue(onArrival.count(TaskCounter.COMBINE_INPUT_RECORDS) < 4L * words.size(),
                "combine inputs: " + onArrival.count(TaskCounter.COMBINE_INPUT_RECORDS));
    }
}
