package io.hydrafs.compute.examples;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.api.Context;
import io.hydrafs.compute.api.Mapper;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.input.FixedLengthInputFormat;
import io.hydrafs.compute.input.HydraFileSource;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.output.RawBytesOutputFormat;
import io.hydrafs.compute.partition.KeySampler;
import io.hydrafs.compute.partition.TotalOrderPartitioner;
import io.hydrafs.compute.runtime.Job;
import io.hydrafs.compute.serde.BytesSerde;
import io.hydrafs.compute.serde.KeyComparator;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * TeraSort's shape: {@value #RECORD_BYTES}-byte records sorted by their first
 * {@value #KEY_BYTES} bytes in unsigned byte order, written back unchanged. The order is
 * total across reducers: keys are sampled before the job and a {@link TotalOrderPartitioner}
 * gives each reducer a key range, so {@code part-r-00000, part-r-00001, ...} concatenated
 * are sorted.
 */
public final class Sort {
    public static final int RECORD_BYTES = 100;
    public static final int KEY_BYTES = 10;
    /** Keys sampled to choose the ranges (TeraSort's default is 100,000 over 10 splits). */
    static final int SAMPLE_KEYS = 10_000;
    static final int SAMPLE_SPLITS = 10;

    private Sort() {
    }

    /** Samples the input's keys (so {@code input} must exist) and builds the job. */
    public static Job job(HydraFileSystem fs, String input, String output, int reducers) throws IOException {
        FixedLengthInputFormat format = new FixedLengthInputFormat(RECORD_BYTES);
        List<InputSplit> splits = format.splits(fs, List.of(input));
        List<byte[]> sample = KeySampler.sample(splits, format, new HydraFileSource(fs),
                (offset, record) -> Arrays.copyOf(record, KEY_BYTES), SAMPLE_KEYS, SAMPLE_SPLITS);
        return Job.builder("sort")
                .input(input)
                .output(output)
                .inputFormat(format)
                .mapper(KeyValueMapper::new)
                .reducer(IdentityReducer::new)
                .mapOutput(BytesSerde.INSTANCE, BytesSerde.INSTANCE)
                .partitioner(TotalOrderPartitioner.fromSample(sample, reducers, KeyComparator.UNSIGNED_BYTES))
                .outputFormat(new RawBytesOutputFormat())
                .reducers(reducers)
                .build();
    }

    /** Splits a record into its key and the rest. */
    public static final class KeyValueMapper implements Mapper<Long, byte[], byte[], byte[]> {
        @Override
        public void map(Long offset, byte[] record, Context<byte[], byte[]> context) throws IOException {
            context.emit(Arrays.copyOf(record, KEY_BYTES), Arrays.copyOfRange(record, KEY_BYTES, RECORD_BYTES));
        }
    }

    /** Writes every record back; the shuffle did the sorting. */
    public static final class IdentityReducer implements Reducer<byte[], byte[], byte[], byte[]> {
        @Override
        public void reduce(byte[] key, Iterable<byte[]> values, Context<byte[], byte[]> context) throws IOException {
            for (byte[] v : values) {
                context.emit(key, v);
            }
        }
    }
}
