package io.hydrafs.compute.distributed;

import io.hydrafs.compute.api.Context;
import io.hydrafs.compute.api.Mapper;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.examples.WordCount;
import io.hydrafs.compute.job.JobDefinition;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.runtime.Job;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WordCount with hooks for tests, driven by the job's config: a map task that fails its
 * first attempts, a map or reduce task whose first attempt stalls until it is interrupted
 * (killed), and a record of which worker started each attempt (keyed by the
 * {@value #RUN} config value and the attempt, e.g. {@code run1/m-00000_0}).
 */
public final class HookedWordCount implements JobDefinition {
    public static final String RUN = "test.run";
    public static final String FAIL_MAP = "test.fail.map";
    public static final String FAIL_ATTEMPTS = "test.fail.attempts";
    public static final String STALL_MAP = "test.stall.map";
    public static final String STALL_REDUCE = "test.stall.reduce";

    /** run/attempt -> id of the worker that started it. */
    static final Map<String, String> STARTED = new ConcurrentHashMap<>();

    static JobSpec spec(String run, String input, String output, int reducers, Map<String, String> config) {
        Map<String, String> all = new java.util.HashMap<>(config);
        all.put(RUN, run);
        return new JobSpec("hooked-wordcount", HookedWordCount.class.getName(), "", List.of(input), output, reducers,
                all);
    }

    @Override
    public Job define(JobSpec spec) {
        Job.Builder b = WordCount.builder(spec.inputs().get(0), spec.output(), spec.reducers())
                .mapper(HookedMapper::new)
                .reducer(HookedReducer::new);
        spec.config().forEach(b::config);
        return b.build();
    }

    /** Which worker the current attempt thread belongs to (task threads are named after their worker). */
    private static String worker() {
        String name = Thread.currentThread().getName();
        int dash = name.indexOf("-task-");
        return dash < 0 ? name : name.substring(0, dash);
    }

    private static void started(Context<?, ?> context) {
        STARTED.put(context.config().get(RUN) + "/" + context.attempt(), worker());
    }

    private static boolean is(Context<?, ?> context, String key) {
        String v = context.config().get(key);
        return v != null && Integer.parseInt(v) == context.attempt().task();
    }

    private static void stall(Context<?, ?> context) throws IOException {
        try {
            Thread.sleep(120_000);
        } catch (InterruptedException e) {
            throw new InterruptedIOException(context.attempt() + " interrupted while stalling");
        }
    }

    public static final class HookedMapper implements Mapper<Long, String, String, Long> {
        private final WordCount.TokenMapper words = new WordCount.TokenMapper();

        @Override
        public void setup(Context<String, Long> context) throws IOException {
            started(context);
            if (is(context, FAIL_MAP)
                    && context.attempt().attempt() < Integer.parseInt(context.config().getOrDefault(FAIL_ATTEMPTS, "1"))) {
                throw new IllegalStateException("injected failure of " + context.attempt());
            }
            if (is(context, STALL_MAP) && context.attempt().attempt() == 0) {
                stall(context);
            }
        }

        @Override
        public void map(Long offset, String line, Context<String, Long> context) throws IOException {
            words.map(offset, line, context);
        }
    }

    public static final class HookedReducer implements Reducer<String, Long, String, Long> {
        private final WordCount.SumReducer sum = new WordCount.SumReducer();

        @Override
        public void setup(Context<String, Long> context) throws IOException {
            started(context);
            if (is(context, STALL_REDUCE) && context.attempt().attempt() == 0) {
                stall(context);
            }
        }

        @Override
        public void reduce(String word, Iterable<Long> counts, Context<String, Long> context) throws IOException {
            sum.reduce(word, counts, context);
        }
    }
}
