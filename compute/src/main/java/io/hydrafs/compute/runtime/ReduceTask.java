package io.hydrafs.compute.runtime;

import io.hydrafs.client.HydraOutputStream;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.EmittingContext;
import io.hydrafs.compute.api.Reducer;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.output.OutputCommitter;
import io.hydrafs.compute.output.OutputFormat;
import io.hydrafs.compute.output.RecordWriter;
import io.hydrafs.compute.serde.Serde;
import io.hydrafs.compute.sort.KeyGroups;
import io.hydrafs.compute.sort.MapOutputFile;
import io.hydrafs.compute.sort.MergingSource;
import io.hydrafs.compute.sort.RunReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * One attempt of one reduce task: merge partition {@code task} of every map output, group by
 * key, run the reducer and write {@code part-r-NNNNN} into the attempt's temporary directory,
 * then commit it through the {@link OutputCommitter} if the {@link CommitPermission} allows.
 * The runs come either straight from the map tasks' files (local mode) or from run files the
 * shuffle fetched (one whole sorted run per map, in map order so the merge is stable). The
 * caller aborts a failed attempt.
 */
public final class ReduceTask<K, V, KO, VO> {
    private final Job job;
    private final Supplier<? extends Reducer<K, V, KO, VO>> reducer;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final OutputFormat<KO, VO> outputFormat;
    private final OutputCommitter committer;

    /** Asked once the output is written: may this attempt promote it? */
    @FunctionalInterface
    public interface CommitPermission {
        boolean granted(TaskAttemptId attempt) throws IOException;
    }

    @SuppressWarnings("unchecked")
    public ReduceTask(Job job, OutputCommitter committer) {
        this.job = job;
        this.reducer = (Supplier<? extends Reducer<K, V, KO, VO>>) job.reducer();
        this.keySerde = (Serde<K>) job.mapOutputKeySerde();
        this.valueSerde = (Serde<V>) job.mapOutputValueSerde();
        this.outputFormat = (OutputFormat<KO, VO>) job.outputFormat();
        this.committer = committer;
    }

    static String partFileName(int partition) {
        return String.format("part-r-%05d", partition);
    }

    /** Local mode: partition {@code attempt.task()} of each map output, always committed. */
    Counters run(List<MapOutputFile> mapOutputs, TaskAttemptId attempt) throws IOException {
        int partition = attempt.task();
        List<RunReader> runs = new ArrayList<>();
        long bytes = 0;
        try {
            for (MapOutputFile m : mapOutputs) {
                runs.add(m.open(partition));
                bytes += m.segmentBytes(partition);
            }
        } catch (IOException | RuntimeException e) {
            closeAll(runs);
            throw e;
        }
        return reduce(runs, bytes, attempt, null);
    }

    /**
     * Distributed mode: each file is one fetched run of this task's partition. Throws
     * {@link CommitDeniedException} when {@code permission} says no (the output is left for
     * the caller to abort). With the permission, a part file an earlier attempt committed
     * before dying unseen is replaced.
     */
    public Counters run(List<Path> fetchedRuns, TaskAttemptId attempt, CommitPermission permission)
            throws IOException {
        List<RunReader> runs = new ArrayList<>();
        long bytes = 0;
        try {
            for (Path p : fetchedRuns) {
                long size = Files.size(p);
                runs.add(new RunReader(p, 0, size));
                bytes += size;
            }
        } catch (IOException | RuntimeException e) {
            closeAll(runs);
            throw e;
        }
        return reduce(runs, bytes, attempt, permission);
    }

    /** {@code permission} null: local mode, the only attempt running commits without asking. */
    private Counters reduce(List<RunReader> runs, long shuffleBytes, TaskAttemptId attempt,
                            CommitPermission permission) throws IOException {
        Counters counters = new Counters();
        counters.increment(TaskCounter.SHUFFLE_BYTES, shuffleBytes);
        try (MergingSource merged = new MergingSource(runs, job.sortComparator());
             RecordWriter<KO, VO> writer = openWriter(attempt, attempt.task())) {
            reduce(new KeyGroups<>(merged, job.sortComparator(), valueSerde), writer, counters, attempt);
            counters.increment(TaskCounter.BYTES_WRITTEN, writer.bytesWritten());
        }
        if (permission == null) {
            committer.commitTask(attempt);
        } else if (permission.granted(attempt)) {
            committer.commitTaskReplacing(attempt);
        } else {
            throw new CommitDeniedException(attempt);
        }
        return counters;
    }

    private static void closeAll(List<RunReader> runs) throws IOException {
        for (RunReader r : runs) {
            r.close();
        }
    }

    private RecordWriter<KO, VO> openWriter(TaskAttemptId attempt, int partition) throws IOException {
        HydraOutputStream out = committer.createTaskFile(attempt, partFileName(partition));
        try {
            return outputFormat.writer(out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    private void reduce(KeyGroups<V> groups, RecordWriter<KO, VO> writer, Counters counters, TaskAttemptId attempt)
            throws IOException {
        // counted here and added once at the end: a counter map update per record costs
        long[] outputRecords = {0};
        EmittingContext<KO, VO> context = new EmittingContext<>((k, v) -> {
            writer.write(k, v);
            outputRecords[0]++;
        }, counters, job.config(), attempt);
        Reducer<K, V, KO, VO> r = reducer.get();
        r.setup(context);
        long inputGroups = 0;
        while (groups.nextGroup()) {
            inputGroups++;
            r.reduce(keySerde.fromBytes(groups.key()), groups.values(), context);
        }
        r.cleanup(context);
        groups.nextGroup();  // counts values the reducer skipped in its last group
        counters.increment(TaskCounter.REDUCE_INPUT_GROUPS, inputGroups);
        counters.increment(TaskCounter.REDUCE_INPUT_RECORDS, groups.records());
        counters.increment(TaskCounter.REDUCE_OUTPUT_RECORDS, outputRecords[0]);
    }
}
