package io.hydrafs.compute.shuffle;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.serde.BytesSerde;
import io.hydrafs.compute.serde.KeyComparator;
import io.hydrafs.compute.sort.MapOutputCollector;
import io.hydrafs.compute.sort.MapOutputFile;
import io.hydrafs.compute.sort.MapOutputSpec;
import io.hydrafs.compute.sort.RawRecord;
import io.hydrafs.compute.sort.RunReader;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Real map outputs for shuffle tests, made by the map-side collector: a key's first byte is
 * its partition, so a test chooses how many records (and so bytes) each partition gets.
 */
final class MapOutputs {
    private MapOutputs() {
    }

    /**
     * Writes and registers the output of {@code (job, map, attempt)} with
     * {@code recordsPerPartition[p]} records of {@code valueBytes}-byte values in partition p.
     */
    static MapOutputFile write(MapOutputStore store, String job, int map, int attempt, int[] recordsPerPartition,
                               int valueBytes) throws IOException {
        int partitions = recordsPerPartition.length;
        MapOutputSpec<byte[], byte[]> spec = new MapOutputSpec<>(partitions, (key, n) -> key[0],
                BytesSerde.INSTANCE, BytesSerde.INSTANCE, KeyComparator.UNSIGNED_BYTES, null);
        MapOutputCollector<byte[], byte[]> collector = new MapOutputCollector<>(spec, 64L << 20,
                store.attemptDir(job, map, attempt), new Counters(), Map.of(),
                new TaskAttemptId(TaskAttemptId.TaskType.MAP, map, attempt));
        Random random = new Random(31L * map + attempt);
        for (int p = 0; p < partitions; p++) {
            for (int i = 0; i < recordsPerPartition[p]; i++) {
                byte[] key = new byte[9];
                random.nextBytes(key);
                key[0] = (byte) p;
                byte[] value = new byte[valueBytes];
                random.nextBytes(value);
                collector.collect(key, value);
            }
        }
        MapOutputFile output = collector.finish("map.out");
        store.register(job, map, attempt, output);
        return output;
    }

    /** The bytes of one partition's segment as the map output file holds them. */
    static byte[] segment(MapOutputFile output, int partition) throws IOException {
        byte[] bytes = new byte[(int) output.segmentBytes(partition)];
        try (RandomAccessFile f = new RandomAccessFile(output.file().toFile(), "r")) {
            f.seek(output.offsets()[partition]);
            f.readFully(bytes);
        }
        return bytes;
    }

    static List<RawRecord> records(Path runFile, long length) throws IOException {
        return records(new RunReader(runFile, 0, length));
    }

    static List<RawRecord> records(MapOutputFile output, int partition) throws IOException {
        return records(output.open(partition));
    }

    private static List<RawRecord> records(RunReader run) throws IOException {
        List<RawRecord> records = new ArrayList<>();
        try (RunReader reader = run) {
            for (RawRecord r = reader.next(); r != null; r = reader.next()) {
                records.add(r);
            }
        }
        return records;
    }
}
