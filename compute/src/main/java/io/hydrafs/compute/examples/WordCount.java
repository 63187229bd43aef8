package io.hydrafs.compute.examples;

import io.hydrafs.compute.api.Context;
import io.hydrafs.compute.api.Mapper;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.input.TextInputFormat;
import io.hydrafs.compute.job.JobDefinition;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.output.TextOutputFormat;
import io.hydrafs.compute.runtime.Job;
import io.hydrafs.compute.serde.LongSerde;
import io.hydrafs.compute.serde.TextSerde;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The classic: how often each whitespace-separated word occurs in text files. Output lines
 * are {@code word<TAB>count}, words sorted within each part file. The reducer is also the
 * combiner (a sum can be taken in pieces), so map output shrinks to one record per distinct
 * word per spill.
 */
public final class WordCount {
    private WordCount() {
    }

    public static Job job(String input, String output, int reducers) {
        return builder(input, output, reducers).build();
    }

    /** The job, open for more settings (e.g. the sort buffer size). */
    public static Job.Builder builder(String input, String output, int reducers) {
        return builder(List.of(input), output, reducers);
    }

    private static Job.Builder builder(List<String> inputs, String output, int reducers) {
        Job.Builder b = Job.builder("wordcount");
        inputs.forEach(b::input);
        return b
                .output(output)
                .inputFormat(new TextInputFormat())
                .mapper(TokenMapper::new)
                .combiner(SumReducer::new)
                .reducer(SumReducer::new)
                .mapOutput(TextSerde.INSTANCE, LongSerde.INSTANCE)
                .outputFormat(new TextOutputFormat<String, Long>())
                .reducers(reducers);
    }

    /** The job as a spec any JVM can run (the definition is on every worker's class path). */
    public static JobSpec spec(String input, String output, int reducers, Map<String, String> config) {
        return new JobSpec("wordcount", Definition.class.getName(), "", List.of(input), output, reducers, config);
    }

    /** Rebuilds the job from its spec; the spec's config becomes the job's. */
    public static final class Definition implements JobDefinition {
        @Override
        public Job define(JobSpec spec) {
            Job.Builder b = builder(spec.inputs(), spec.output(), spec.reducers());
            spec.config().forEach(b::config);
            return b.build();
        }
    }

    /**
     * Emits (word, 1) for every word of a line: the maximal runs of characters other than
     * regex {@code \s} (space, tab, newline, vertical tab, form feed, carriage return). A
     * hand-written scan, as a regex split per line costs more than the rest of the map.
     */
    public static final class TokenMapper implements Mapper<Long, String, String, Long> {
        private static final Long ONE = 1L;

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            int n = line.length();
            int i = 0;
            while (i < n) {
                while (i < n && isSpace(line.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !isSpace(line.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    context.emit(line.substring(start, i), ONE);
                }
            }
        }

        static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
        }
    }

    /** Sums the counts of a word. */
    public static final class SumReducer implements Reducer<String, Long, String, Long> {
        @Override
        public void reduce(String word, Iterable<Long> counts, Context<String, Long> context) throws IOException {
            long sum = 0;
            for (long c : counts) {
                sum += c;
            }
            context.emit(word, sum);
        }
    }
}
