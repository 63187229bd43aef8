package io.hydrafs.compute.runtime;

import io.hydrafs.compute.api.Mapper;
import io.hydrafs.compute.api.Partitioner;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.input.InputFormat;
import io.hydrafs.compute.input.TextInputFormat;
import io.hydrafs.compute.output.OutputFormat;
import io.hydrafs.compute.output.TextOutputFormat;
import io.hydrafs.compute.partition.HashPartitioner;
import io.hydrafs.compute.serde.KeyComparator;
import io.hydrafs.compute.serde.Serde;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything that defines a MapReduce job, immutable once built. Mapper, reducer and combiner
 * are given as factories because every task attempt gets a fresh instance.
 *
 * <p>Types line up as in Hadoop, checked when records flow rather than by the compiler (the
 * builder would otherwise need six type parameters): the input format yields the mapper's
 * input; the mapper emits keys and values of the map output serdes; the combiner consumes and
 * emits those; the reducer consumes those and emits what the output format writes.
 */
public final class Job {
    private final String name;
    private final List<String> inputs;
    private final String output;
    private final InputFormat<?, ?> inputFormat;
    private final Supplier<? extends Mapper<?, ?, ?, ?>> mapper;
    private final Supplier<? extends Reducer<?, ?, ?, ?>> combiner;
    private final Supplier<? extends Reducer<?, ?, ?, ?>> reducer;
    private final Partitioner partitioner;
    private final Serde<?> keySerde;
    private final Serde<?> valueSerde;
    private final KeyComparator sortComparator;
    private final OutputFormat<?, ?> outputFormat;
    private final int reducers;
    private final Map<String, String> config;

    private Job(Builder b) {
        this.name = b.name;
        this.inputs = List.copyOf(b.inputs);
        this.output = b.output;
        this.inputFormat = b.inputFormat;
        this.mapper = b.mapper;
        this.combiner = b.combiner;
        this.reducer = b.reducer;
        this.partitioner = b.partitioner;
        this.keySerde = b.keySerde;
        this.valueSerde = b.valueSerde;
        this.sortComparator = b.sortComparator != null ? b.sortComparator : b.keySerde.keyComparator();
        this.outputFormat = b.outputFormat;
        this.reducers = b.reducers;
        this.config = Map.copyOf(b.config);
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<String> inputs() {
        return inputs;
    }

    public String output() {
        return output;
    }

    public InputFormat<?, ?> inputFormat() {
        return inputFormat;
    }

    public Supplier<? extends Mapper<?, ?, ?, ?>> mapper() {
        return mapper;
    }

    /** Null when the job has no combiner. */
    public Supplier<? extends Reducer<?, ?, ?, ?>> combiner() {
        return combiner;
    }

    public Supplier<? extends Reducer<?, ?, ?, ?>> reducer() {
        return reducer;
    }

    public Partitioner partitioner() {
        return partitioner;
    }

    public Serde<?> mapOutputKeySerde() {
        return keySerde;
    }

    public Serde<?> mapOutputValueSerde() {
        return valueSerde;
    }

    public KeyComparator sortComparator() {
        return sortComparator;
    }

    public OutputFormat<?, ?> outputFormat() {
        return outputFormat;
    }

    public int reducers() {
        return reducers;
    }

    public Map<String, String> config() {
        return config;
    }

    public static final class Builder {
        private final String name;
        private final List<String> inputs = new ArrayList<>();
        private String output;
        private InputFormat<?, ?> inputFormat = new TextInputFormat();
        private Supplier<? extends Mapper<?, ?, ?, ?>> mapper;
        private Supplier<? extends Reducer<?, ?, ?, ?>> combiner;
        private Supplier<? extends Reducer<?, ?, ?, ?>> reducer;
        private Partitioner partitioner = HashPartitioner.INSTANCE;
        private Serde<?> keySerde;
        private Serde<?> valueSerde;
        private KeyComparator sortComparator;
        private OutputFormat<?, ?> outputFormat = new TextOutputFormat<>();
        private int reducers = 1;
        private final Map<String, String> config = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** A file, or a directory standing for its files (names starting with _ or . skipped). */
        public Builder input(String path) {
            inputs.add(Objects.requireNonNull(path, "input"));
            return this;
        }

        /** Must not exist: the job creates it and refuses to run otherwise. */
        public Builder output(String path) {
            this.output = Objects.requireNonNull(path, "output");
            return this;
        }

        public Builder inputFormat(InputFormat<?, ?> format) {
            this.inputFormat = Objects.requireNonNull(format, "inputFormat");
            return this;
        }

        public Builder mapper(Supplier<? extends Mapper<?, ?, ?, ?>> factory) {
            this.mapper = Objects.requireNonNull(factory, "mapper");
            return this;
        }

        public Builder combiner(Supplier<? extends Reducer<?, ?, ?, ?>> factory) {
            this.combiner = factory;
            return this;
        }

        public Builder reducer(Supplier<? extends Reducer<?, ?, ?, ?>> factory) {
            this.reducer = Objects.requireNonNull(factory, "reducer");
            return this;
        }

        public Builder partitioner(Partitioner partitioner) {
            this.partitioner = Objects.requireNonNull(partitioner, "partitioner");
            return this;
        }

        /** Serdes of the map output (the shuffle's records); the key serde's comparator sorts. */
        public Builder mapOutput(Serde<?> keySerde, Serde<?> valueSerde) {
            this.keySerde = Objects.requireNonNull(keySerde, "keySerde");
            this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
            return this;
        }

        /** Overrides the key serde's comparator (e.g. a descending order). */
        public Builder sortComparator(KeyComparator comparator) {
            this.sortComparator = comparator;
            return this;
        }

        public Builder outputFormat(OutputFormat<?, ?> format) {
            this.outputFormat = Objects.requireNonNull(format, "outputFormat");
            return this;
        }

        public Builder reducers(int n) {
            this.reducers = n;
            return this;
        }

        public Builder config(String key, String value) {
            config.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Fails with IllegalArgumentException naming what is missing or invalid. */
        public Job build() {
            require(!inputs.isEmpty(), "at least one input path");
            require(output != null, "an output path");
            require(mapper != null, "a mapper");
            require(reducer != null, "a reducer");
            require(keySerde != null && valueSerde != null, "map output serdes");
            require(reducers >= 1, "at least one reducer, got " + reducers);
            return new Job(this);
        }

        private void require(boolean ok, String what) {
            if (!ok) {
                throw new IllegalArgumentException("job " + name + " needs " + what);
            }
        }
    }
}
