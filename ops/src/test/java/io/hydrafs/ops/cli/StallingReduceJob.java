package io.hydrafs.ops.cli;

import io.hydrafs.compute.api.Context;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.examples.Grep;
import io.hydrafs.compute.input.TextInputFormat;
import io.hydrafs.compute.job.JobDefinition;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.output.TextOutputFormat;
import io.hydrafs.compute.runtime.Job;
import io.hydrafs.compute.serde.LongSerde;
import io.hydrafs.compute.serde.TextSerde;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.regex.Pattern;

/**
 * A job shipped in a jar by the CLI tests: words are counted as Grep's do, and every reduce
 * attempt writes its first record and then waits until it is interrupted (killed), so the job
 * is surely running, with output under way, when a test kills it.
 */
public final class StallingReduceJob {
    private StallingReduceJob() {
    }

    public static final class Definition implements JobDefinition {
        @Override
        public Job define(JobSpec spec) {
            Pattern word = Pattern.compile("\\w+");
            Job.Builder b = Job.builder("stalling-reduce")
                    .output(spec.output())
                    .inputFormat(new TextInputFormat())
                    .mapper(() -> new Grep.MatchMapper(word))
                    .reducer(StallingReducer::new)
                    .mapOutput(TextSerde.INSTANCE, LongSerde.INSTANCE)
                    .outputFormat(new TextOutputFormat<String, Long>())
                    .reducers(spec.reducers());
            spec.inputs().forEach(b::input);
            spec.config().forEach(b::config);
            return b.build();
        }
    }

    public static final class StallingReducer implements Reducer<String, Long, String, Long> {
        @Override
        public void reduce(String key, Iterable<Long> values, Context<String, Long> context) throws IOException {
            context.emit(key, 1L);
            try {
                Thread.sleep(Long.MAX_VALUE);  // the job's behaviour, not a test wait: it ends when killed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("stalling reduce killed");
            }
        }
    }
}
