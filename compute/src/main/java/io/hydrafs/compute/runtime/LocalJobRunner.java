package io.hydrafs.compute.runtime;

import io.hydrafs.client.FileStatus;
import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskCounter;
import io.hydrafs.compute.input.FileSource;
import io.hydrafs.compute.input.HydraFileSource;
import io.hydrafs.compute.input.InputPaths;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.output.OutputCommitter;
import io.hydrafs.compute.sort.MapOutputFile;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Local mode: a whole job in the submitting JVM, over HydraFS, for debugging and small jobs.
 * <ol>
 *   <li>Splits are computed first, so a missing input fails before the output dir is made.</li>
 *   <li>The committer refuses an existing output directory and creates it.</li>
 *   <li>Map tasks run on a small pool; their outputs stay in a local temp directory.</li>
 *   <li>Reduce tasks (same pool) merge their partition of every map output and commit.</li>
 *   <li>{@code _SUCCESS} is written last. Any failure aborts the job: the output directory is
 *       removed, the local directory always is.</li>
 * </ol>
 * Each task gets up to {@code maxAttempts} attempts ({@link TaskRetries}); only successful
 * attempts' counters reach the job's. One runner may run jobs one after another or at once.
 */
public final class LocalJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(LocalJobRunner.class);

    private final HydraFileSystem fs;
    private final FileSource source;

    public LocalJobRunner(HydraFileSystem fs) {
        this.fs = fs;
        this.source = new HydraFileSource(fs);
    }

    /** Runs the job to completion; JobFailedException when a task used up its attempts. */
    public JobResult run(Job job) throws HydraException, InterruptedException {
        long startNs = System.nanoTime();
        ComputeConfig config = ComputeConfig.from(job.config());
        List<InputSplit> splits = splits(job);
        OutputCommitter committer = new OutputCommitter(fs, job.output());
        committer.setupJob();
        Counters jobCounters = new Counters();
        Path localDir = null;
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(config.mapThreads(), r -> {
            Thread t = new Thread(r, "job-" + job.name() + "-task-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            localDir = Files.createTempDirectory(Files.createDirectories(config.localDir()), "hydra-job-");
            List<MapOutputFile> mapOutputs = runMaps(job, config, splits, localDir, pool, jobCounters);
            runReduces(job, config, committer, mapOutputs, pool, jobCounters);
            committer.commitJob();
            List<String> parts = fs.listStatus(committer.outputDir()).stream().map(FileStatus::path)
                    .filter(p -> !InputPaths.isHidden(p.substring(p.lastIndexOf('/') + 1))).sorted().toList();
            long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
            LOG.info("job {} done in {} ms: {} maps, {} reduces", job.name(), elapsedMs, splits.size(), job.reducers());
            return new JobResult(job.name(), jobCounters, splits.size(), job.reducers(), elapsedMs, parts);
        } catch (HydraException | InterruptedException | RuntimeException e) {
            committer.abortJob();
            throw e;
        } catch (IOException e) {
            committer.abortJob();
            throw new HydraException(ErrorCode.IO_ERROR, "job " + job.name() + ": " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            deleteLocal(localDir);
        }
    }

    private List<InputSplit> splits(Job job) throws HydraException {
        try {
            return job.inputFormat().splits(fs, job.inputs());
        } catch (HydraException e) {
            throw e;
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "job " + job.name() + ": listing inputs: " + e.getMessage(), e);
        }
    }

    private List<MapOutputFile> runMaps(Job job, ComputeConfig config, List<InputSplit> splits, Path localDir,
                                        ExecutorService pool, Counters jobCounters)
            throws HydraException, InterruptedException {
        MapTask<?, ?, ?, ?> task = new MapTask<>(job, source, config.sortBufferBytes());
        List<Future<MapOutputFile>> futures = new ArrayList<>();
        for (int i = 0; i < splits.size(); i++) {
            int index = i;
            futures.add(pool.submit(() -> TaskRetries.run(job.name(), TaskType.MAP, index, config.maxAttempts(),
                    attempt -> {
                        MapTask.Result r = task.run(splits.get(index), attempt, localDir.resolve(attempt.toString()));
                        addCounters(jobCounters, r.counters());
                        return r.output();
                    },
                    attempt -> deleteLocal(localDir.resolve(attempt.toString())),
                    () -> countFailedAttempt(jobCounters))));
        }
        return await(futures);
    }

    private void runReduces(Job job, ComputeConfig config, OutputCommitter committer, List<MapOutputFile> mapOutputs,
                            ExecutorService pool, Counters jobCounters) throws HydraException, InterruptedException {
        ReduceTask<?, ?, ?, ?> task = new ReduceTask<>(job, committer);
        List<Future<Void>> futures = new ArrayList<>();
        for (int r = 0; r < job.reducers(); r++) {
            int index = r;
            futures.add(pool.submit(() -> TaskRetries.run(job.name(), TaskType.REDUCE, index, config.maxAttempts(),
                    attempt -> {
                        addCounters(jobCounters, task.run(mapOutputs, attempt));
                        return null;
                    },
                    committer::abortTask,
                    () -> countFailedAttempt(jobCounters))));
        }
        await(futures);
    }

    /** Waits for every task in order; the first failure cancels the rest and is thrown. */
    private static <T> List<T> await(List<Future<T>> futures) throws HydraException, InterruptedException {
        List<T> results = new ArrayList<>();
        try {
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof HydraException h) {
                throw h;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new HydraException(ErrorCode.INTERNAL, "task failed: " + cause, cause);
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
    }

    private static void addCounters(Counters job, Counters task) {
        synchronized (job) {
            job.add(task);
        }
    }

    private static void countFailedAttempt(Counters job) {
        synchronized (job) {
            job.increment(TaskCounter.FAILED_TASK_ATTEMPTS, 1);
        }
    }

    private static void deleteLocal(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove local directory {}: {}", dir, e.getMessage());
        }
    }
}
