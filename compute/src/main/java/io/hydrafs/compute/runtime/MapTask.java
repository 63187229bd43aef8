package io.hydrafs.compute.runtime;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.EmittingContext;
import io.hydrafs.compute.api.Mapper;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.input.FileSource;
import io.hydrafs.compute.input.InputFormat;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.input.RecordReader;
import io.hydrafs.compute.serde.Serde;
import io.hydrafs.compute.sort.MapOutputCollector;
import io.hydrafs.compute.sort.MapOutputFile;
import io.hydrafs.compute.sort.MapOutputSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * One attempt of one map task: read the split's records, run the mapper, and leave one
 * sorted, combined run per partition in a file under the attempt's own local directory (so
 * a failed attempt's leftovers never mix with a retry's). The caller removes the directory
 * of a failed attempt. Used by the local runner and by compute workers.
 */
public final class MapTask<KI, VI, K, V> {
    private final Job job;
    private final InputFormat<KI, VI> inputFormat;
    private final Supplier<? extends Mapper<KI, VI, K, V>> mapper;
    private final MapOutputSpec<K, V> spec;
    private final FileSource source;
    private final long sortBufferBytes;

    /** The output of a successful attempt. */
    public record Result(MapOutputFile output, Counters counters) {
    }

    @SuppressWarnings("unchecked")
    public MapTask(Job job, FileSource source, long sortBufferBytes) {
        this.job = job;
        this.inputFormat = (InputFormat<KI, VI>) job.inputFormat();
        this.mapper = (Supplier<? extends Mapper<KI, VI, K, V>>) job.mapper();
        this.spec = new MapOutputSpec<>(job.reducers(), job.partitioner(), (Serde<K>) job.mapOutputKeySerde(),
                (Serde<V>) job.mapOutputValueSerde(), job.sortComparator(),
                (Supplier<? extends Reducer<K, V, K, V>>) job.combiner());
        this.source = source;
        this.sortBufferBytes = sortBufferBytes;
    }

    public Result run(InputSplit split, TaskAttemptId attempt, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Counters counters = new Counters();
        MapOutputCollector<K, V> collector = new MapOutputCollector<>(spec, sortBufferBytes, workDir, counters,
                job.config(), attempt);
        EmittingContext<K, V> context = new EmittingContext<>(collector::collect, counters, job.config(), attempt);
        Mapper<KI, VI, K, V> m = mapper.get();
        try (RecordReader<KI, VI> reader = inputFormat.reader(source, split)) {
            m.setup(context);
            long records = 0;
            while (reader.next()) {
                records++;
                m.map(reader.key(), reader.value(), context);
            }
            m.cleanup(context);
            counters.increment(TaskCounter.MAP_INPUT_RECORDS, records);
            counters.increment(TaskCounter.BYTES_READ, reader.bytesRead());
        }
        return new Result(collector.finish("map.out"), counters);
    }
}
