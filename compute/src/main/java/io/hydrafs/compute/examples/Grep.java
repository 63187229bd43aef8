package io.hydrafs.compute.examples;

import io.hydrafs.compute.api.Context;
import io.hydrafs.compute.api.Mapper;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Hadoop's grep example: every match of a Java regular expression in text files, counted.
 * Output lines are {@code match<TAB>count}, matches sorted within each part file. A line with
 * several matches counts each; matches do not overlap (as {@link Matcher#find()} finds them).
 * The pattern comes from the config key {@value #PATTERN_KEY}.
 */
public final class Grep {
    public static final String PATTERN_KEY = "hydra.example.grep.pattern";

    private Grep() {
    }

    public static JobSpec spec(String input, String output, int reducers, String pattern) {
        return new JobSpec("grep", Definition.class.getName(), "", List.of(input), output, reducers,
                Map.of(PATTERN_KEY, pattern));
    }

    /** Builds the job from its spec; IllegalArgumentException when the pattern is missing or invalid. */
    public static final class Definition implements JobDefinition {
        @Override
        public Job define(JobSpec spec) {
            String regex = spec.config().get(PATTERN_KEY);
            if (regex == null || regex.isEmpty()) {
                throw new IllegalArgumentException("grep needs a pattern in " + PATTERN_KEY);
            }
            Pattern pattern;
            try {
                pattern = Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(PATTERN_KEY + " is not a valid regular expression: "
                        + e.getMessage(), e);
            }
            Job.Builder b = Job.builder("grep")
                    .output(spec.output())
                    .inputFormat(new TextInputFormat())
                    .mapper(() -> new MatchMapper(pattern))
                    .combiner(WordCount.SumReducer::new)
                    .reducer(WordCount.SumReducer::new)
                    .mapOutput(TextSerde.INSTANCE, LongSerde.INSTANCE)
                    .outputFormat(new TextOutputFormat<String, Long>())
                    .reducers(spec.reducers());
            spec.inputs().forEach(b::input);
            spec.config().forEach(b::config);
            return b.build();
        }
    }

    /** Emits (match, 1) for every match in a line. A compiled Pattern is shared; its matchers are not. */
    public static final class MatchMapper implements Mapper<Long, String, String, Long> {
        private final Pattern pattern;

        public MatchMapper(Pattern pattern) {
            this.pattern = pattern;
        }

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            Matcher m = pattern.matcher(line);
            while (m.find()) {
                context.emit(m.group(), 1L);
            }
        }
    }
}
