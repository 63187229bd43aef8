package io.hydrafs.compute.examples;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.api.Context;
import io.hydrafs.compute.api.Mapper;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.input.FixedLengthInputFormat;
import io.hydrafs.compute.input.HydraFileSource;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.JobDefinition;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.output.RawBytesOutputFormat;
import io.hydrafs.compute.partition.KeySampler;
import io.hydrafs.compute.partition.TotalOrderPartitioner;
import io.hydrafs.compute.runtime.Job;
import io.hydrafs.compute.serde.BytesSerde;
import io.hydrafs.compute.serde.KeyComparator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TeraSort's shape: {@value #RECORD_BYTES}-byte records sorted by their first
 * {@value #KEY_BYTES} bytes in unsigned byte order, written back unchanged. The order is
 * total across reducers: keys are sampled before the job and a {@link TotalOrderPartitioner}
 * gives each reducer a key range, so {@code part-r-00000, part-r-00001, ...} concatenated
 * are sorted.
 *
 * <p>Sampling reads the input, so only the submitter does it ({@link #spec}); the chosen split
 * points travel in the spec's config under {@value #SPLIT_POINTS_KEY} (hex keys, comma
 * separated) and every JVM's {@link Definition} builds the same partitioner from them.
 */
public final class Sort {
    public static final int RECORD_BYTES = 100;
    public static final int KEY_BYTES = 10;
    public static final String SPLIT_POINTS_KEY = "hydra.example.sort.split.points";
    /** Keys sampled to choose the ranges (TeraSort's default is 100,000 over 10 splits). */
    static final int SAMPLE_KEYS = 10_000;
    static final int SAMPLE_SPLITS = 10;

    private Sort() {
    }

    /** Samples the input's keys (so {@code input} must exist) and builds the job. */
    public static Job job(HydraFileSystem fs, String input, String output, int reducers) throws IOException {
        return new Definition().define(spec(fs, input, output, reducers, Map.of()));
    }

    /** Samples the input's keys (so {@code input} must exist) and returns the job as a spec. */
    public static JobSpec spec(HydraFileSystem fs, String input, String output, int reducers,
                               Map<String, String> config) throws IOException {
        FixedLengthInputFormat format = new FixedLengthInputFormat(RECORD_BYTES);
        List<InputSplit> splits = format.splits(fs, List.of(input));
        List<byte[]> sample = KeySampler.sample(splits, format, new HydraFileSource(fs),
                (offset, record) -> Arrays.copyOf(record, KEY_BYTES), SAMPLE_KEYS, SAMPLE_SPLITS);
        List<byte[]> points = TotalOrderPartitioner.fromSample(sample, reducers, KeyComparator.UNSIGNED_BYTES)
                .splitPoints();
        Map<String, String> withPoints = new LinkedHashMap<>(config);
        withPoints.put(SPLIT_POINTS_KEY, formatSplitPoints(points));
        return new JobSpec("sort", Definition.class.getName(), "", List.of(input), output, reducers, withPoints);
    }

    static String formatSplitPoints(List<byte[]> points) {
        List<String> hex = new ArrayList<>();
        for (byte[] p : points) {
            hex.add(HexFormat.of().formatHex(p));
        }
        return String.join(",", hex);
    }

    /** Parses {@link #formatSplitPoints}; IllegalArgumentException naming the key when malformed. */
    static List<byte[]> parseSplitPoints(String text, int reducers) {
        if (text == null) {
            throw new IllegalArgumentException("sort needs its sampled split points in " + SPLIT_POINTS_KEY);
        }
        List<byte[]> points = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String hex : text.split(",", -1)) {
                try {
                    points.add(HexFormat.of().parseHex(hex));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(SPLIT_POINTS_KEY + " holds a malformed key: " + hex, e);
                }
            }
        }
        // an empty sample (empty input) yields no points: everything goes to partition 0
        if (!points.isEmpty() && points.size() != reducers - 1) {
            throw new IllegalArgumentException(SPLIT_POINTS_KEY + " holds " + points.size() + " split points for "
                    + reducers + " reducers");
        }
        for (int i = 1; i < points.size(); i++) {
            if (KeyComparator.UNSIGNED_BYTES.compare(points.get(i - 1), points.get(i)) > 0) {
                throw new IllegalArgumentException(SPLIT_POINTS_KEY + " is not sorted");
            }
        }
        return points;
    }

    /** Rebuilds the job from its spec: the split points come from the spec, nothing is sampled. */
    public static final class Definition implements JobDefinition {
        @Override
        public Job define(JobSpec spec) {
            List<byte[]> points = parseSplitPoints(spec.config().get(SPLIT_POINTS_KEY), spec.reducers());
            Job.Builder b = Job.builder("sort")
                    .output(spec.output())
                    .inputFormat(new FixedLengthInputFormat(RECORD_BYTES))
                    .mapper(KeyValueMapper::new)
                    .reducer(IdentityReducer::new)
                    .mapOutput(BytesSerde.INSTANCE, BytesSerde.INSTANCE)
                    .partitioner(new TotalOrderPartitioner(points, KeyComparator.UNSIGNED_BYTES))
                    .outputFormat(new RawBytesOutputFormat())
                    .reducers(spec.reducers());
            spec.inputs().forEach(b::input);
            spec.config().forEach(b::config);
            return b.build();
        }
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
