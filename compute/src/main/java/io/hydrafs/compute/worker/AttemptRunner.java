package io.hydrafs.compute.worker;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.api.TaskAttemptId.TaskType;
import io.hydrafs.compute.api.TaskAttemptId;
import io.hydrafs.compute.input.HydraFileSource;
import io.hydrafs.compute.job.Assignment;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.JobLoader;
import io.hydrafs.compute.output.OutputCommitter;
import io.hydrafs.compute.runtime.ComputeConfig;
import io.hydrafs.compute.runtime.Job;
import io.hydrafs.compute.runtime.MapTask;
import io.hydrafs.compute.runtime.ReduceTask;
import io.hydrafs.compute.shuffle.MapOutputStore;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.compute.wire.CoordinatorChannel;
import io.hydrafs.protocol.compute.CanCommitRequest;
import io.hydrafs.protocol.compute.CanCommitResponse;
import io.hydrafs.protocol.compute.ComputeMethods;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs one attempt on a worker thread. A map reads its split from HydraFS, sorts into the
 * attempt's directory of the {@link MapOutputStore} and registers the output there (only
 * then is it served). A reduce shuffles ({@link ReduceShuffle}), merges and reduces into its
 * temporary output, asks the coordinator whether it may commit, and commits. A failed map
 * leaves no files; a failed reduce leaves no temporary output.
 */
final class AttemptRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptRunner.class);

    private final HydraFileSystem fs;
    private final JobLoader loader;
    private final MapOutputStore store;
    private final ReduceShuffle shuffle;
    private final CoordinatorChannel coordinator;
    private final Path reduceDir;

    AttemptRunner(HydraFileSystem fs, JobLoader loader, MapOutputStore store, ReduceShuffle shuffle,
                  CoordinatorChannel coordinator, Path reduceDir) {
        this.fs = fs;
        this.loader = loader;
        this.store = store;
        this.shuffle = shuffle;
        this.coordinator = coordinator;
        this.reduceDir = reduceDir;
    }

    /** The attempt's counters; throws whatever failed it. */
    Counters run(Assignment a) throws IOException {
        Job job = loader.load(a.spec());
        return a.attempt().attempt().type() == TaskType.MAP ? runMap(a, job) : runReduce(a, job);
    }

    private Counters runMap(Assignment a, Job job) throws IOException {
        AttemptKey key = a.attempt();
        TaskAttemptId id = key.attempt();
        Path dir = store.attemptDir(key.jobId(), id.task(), id.attempt());
        try {
            MapTask.Result r = new MapTask<>(job, new HydraFileSource(fs), ComputeConfig.from(job.config())
                    .sortBufferBytes()).run(a.split(), id, dir);
            store.register(key.jobId(), id.task(), id.attempt(), r.output());
            return r.counters();
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(dir);
            throw e;
        }
    }

    private Counters runReduce(Assignment a, Job job) throws IOException {
        AttemptKey key = a.attempt();
        Path dir = reduceDir.resolve(key.jobId()).resolve(key.attempt().toString());
        OutputCommitter committer = OutputCommitter.forRunningJob(fs, a.spec().output());
        try {
            long startNanos = System.nanoTime();
            List<Path> runs = shuffle.fetchAll(key, a.numMaps(), dir);
            LOG.info("{}: shuffle of {} map outputs done in {} ms", key, runs.size(),
                    (System.nanoTime() - startNanos) / 1_000_000);
            return new ReduceTask<>(job, committer).run(runs, key.attempt(), attempt -> mayCommit(key));
        } catch (IOException | RuntimeException | Error e) {
            committer.abortTask(key.attempt());
            throw e;
        } finally {
            deleteTree(dir);
        }
    }

    private boolean mayCommit(AttemptKey key) throws IOException {
        return coordinator.call(ComputeMethods.CAN_COMMIT,
                CanCommitRequest.newBuilder().setAttempt(ComputeWire.toProto(key)).build(),
                CanCommitResponse.parser()).getAllowed();
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
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
            LOG.warn("could not remove {}: {}", dir, e.getMessage());
        }
    }
}
