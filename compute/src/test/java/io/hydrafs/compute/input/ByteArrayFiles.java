package io.hydrafs.compute.input;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link FileSource} over in-memory files, and split helpers, for record reader tests. */
final class ByteArrayFiles implements FileSource {
    private final Map<String, byte[]> files = new HashMap<>();

    ByteArrayFiles put(String path, byte[] data) {
        files.put(path, data);
        return this;
    }

    @Override
    public ByteArrayInputStream openAt(String path, long offset) {
        byte[] data = files.get(path);
        return new ByteArrayInputStream(data, (int) offset, data.length - (int) offset);
    }

    /** Splits of {@code splitBytes} each (the last may be shorter) covering the whole file. */
    static List<InputSplit> evenSplits(String path, long fileLength, long splitBytes) {
        List<InputSplit> splits = new ArrayList<>();
        for (long s = 0; s < fileLength; s += splitBytes) {
            splits.add(new InputSplit(path, s, Math.min(splitBytes, fileLength - s), List.of()));
        }
        return splits;
    }

    /** Every record of every split, in split order, as "offset:value". */
    static <V> List<String> readAll(InputFormat<Long, V> format, FileSource source, List<InputSplit> splits,
                                    java.util.function.Function<V, String> show) throws java.io.IOException {
        List<String> records = new ArrayList<>();
        for (InputSplit split : splits) {
            try (RecordReader<Long, V> reader = format.reader(source, split)) {
                while (reader.next()) {
                    records.add(reader.key() + ":" + show.apply(reader.value()));
                }
            }
        }
        return records;
    }
}
