package io.hydrafs.compute.partition;

import io.hydrafs.compute.input.FileSource;
import io.hydrafs.compute.input.InputFormat;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.input.RecordReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Samples map output keys before a job runs, for {@link TotalOrderPartitioner}: reads the
 * first records of up to {@code maxSplits} splits spread evenly over the input (as Hadoop's
 * TeraSort sampler), and maps each record to the key the mapper would emit.
 */
public final class KeySampler {
    private KeySampler() {
    }

    public static <K, V> List<byte[]> sample(List<InputSplit> splits, InputFormat<K, V> format, FileSource source,
                                             BiFunction<K, V, byte[]> keyOf, int samples, int maxSplits)
            throws IOException {
        List<byte[]> keys = new ArrayList<>();
        if (splits.isEmpty() || samples <= 0) {
            return keys;
        }
        int used = Math.max(1, Math.min(maxSplits, splits.size()));
        int perSplit = Math.max(1, samples / used);
        for (int i = 0; i < used; i++) {
            InputSplit split = splits.get((int) ((long) i * splits.size() / used));
            try (RecordReader<K, V> reader = format.reader(source, split)) {
                for (int n = 0; n < perSplit && reader.next(); n++) {
                    keys.add(keyOf.apply(reader.key(), reader.value()));
                }
            }
        }
        return keys;
    }
}
