package io.hydrafs.compute.sort;

import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.partition.HashPartitioner;
import io.hydrafs.compute.serde.KeyComparator;
import io.hydrafs.compute.serde.LongSerde;
import io.hydrafs.compute.serde.TextSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MapOutputCollectorTest {
    private static final int PARTITIONS = 3;
    private static final TaskAttemptId ATTEMPT = new TaskAttemptId(TaskAttemptId.TaskType.MAP, 0, 0);

    @TempDir
    Path dir;


    private MapOutputCollector<String, Long> collector(long bufferBytes, boolean combine, Counters counters) {
        MapOutputSpec<String, Long> spec = new MapOutputSpec<>(PARTITIONS, HashPartitioner.INSTANCE,
                TextSerde.INSTANCE, LongSerde.INSTANCE, KeyComparator.UNSIGNED_BYTES, combine ? WordCount.SumReducer::new : null);
        return new MapOutputCollector<>(spec, bufferBytes, dir, counters, Map.of(), ATTEMPT);
    }

    private static List<RawRecord> readPartition(MapOutputFile out, int p) throws IOException {
        List<RawRecord> records = new ArrayList<>();
        try (RunReader reader = out.open(p)) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }

    private static String key(RawRecord r) {
        return TextSerde.INSTANCE.fromBytes(r.key());
    }

    @Test
    void forcedSpillsMergeIntoSortedPartitionsWithEveryRecordAndValuesInArrivalOrder() throws IOException {
        Counters counters = new Counters();
        MapOutputCollector<String, Long> collector = collector(2048, false, counters);
        Random random = new Random(5);
        Map<String, List<Long>> expected = new TreeMap<>();
        for (long i = 0; i < 3000; i++) {
            String word = "w" + random.nextInt(200);
            collector.collect(word, i);
            expected.computeIfAbsent(word, w -> new ArrayList<>()).add(i);
        }
        MapOutputFile out = collector.finish("map.out");

        assertTrue(collector.spillCount() > 10, "spills: " + collector.spillCount());
        Map<String, List<Long>> actual = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            List<RawRecord> records = readPartition(out, p);
            for (int i = 0; i < records.size(); i++) {
                RawRecord r = records.get(i);
                assertEquals(p, HashPartitioner.INSTANCE.partition(r.key(), PARTITIONS), "partition of " + key(r));
                if (i > 0) {
                    assertTrue(KeyComparator.UNSIGNED_BYTES.compare(records.get(i - 1).key(), r.key()) <= 0,
                            "sorted at " + i);
                }
                actual.computeIfAbsent(key(r), w -> new ArrayList<>()).add(LongSerde.INSTANCE.fromBytes(r.value()));
            }
        }
        assertEquals(expected, actual);
        assertEquals(3000, counters.get(TaskCounter.MAP_OUTPUT_RECORDS));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("map.out")), files.toList(), "spill files are removed after the merge");
        }
    }

    @Test
    void combinerRunsOnEverySpillAndOnTheMergeLeavingOneRecordPerKey() throws IOException {
        Counters counters = new Counters();
        MapOutputCollector<String, Long> collector = collector(1024, true, counters);
        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            String word = "k" + (i * 7919 % 50);
            collector.collect(word, 1L);
            expected.merge(word, 1L, Long::sum);
        }
        MapOutputFile out = collector.finish("map.out");

        assertTrue(collector.spillCount() > 1);
        Map<String, Long> actual = new TreeMap<>();
        for (int p = 0; p < PARTITIONS; p++) {
            for (RawRecord r : readPartition(out, p)) {
                assertEquals(null, actual.put(key(r), LongSerde.INSTANCE.fromBytes(r.value())), "one record per key");
            }
        }
        assertEquals(expected, actual);
        assertTrue(counters.get(TaskCounter.COMBINE_INPUT_RECORDS) > counters.get(TaskCounter.COMBINE_OUTPUT_RECORDS));
    }

    @Test
    void aRecordLargerThanTheWholeBufferStillGoesThrough() throws IOException {
        MapOutputCollector<String, Long> collector = collector(1024, false, new Counters());
        String big = "b".repeat(5000);
        collector.collect("a", 1L);
        collector.collect(big, 2L);
        collector.collect("c", 3L);
        MapOutputFile out = collector.finish("map.out");

        List<String> keys = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            readPartition(out, p).forEach(r -> keys.add(key(r)));
        }
        keys.sort(String::compareTo);
        assertEquals(List.of("a", big, "c"), keys);
    }

    @Test
    void noOutputGivesEmptyPartitions() throws IOException {
        MapOutputFile out = collector(1024, true, new Counters()).finish("map.out");
        for (int p = 0; p < PARTITIONS; p++) {
            assertEquals(0, out.segmentBytes(p));
        }
    }
}
