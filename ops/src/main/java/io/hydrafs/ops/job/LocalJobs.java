package io.hydrafs.ops.job;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.job.JobLoader;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.runtime.JobResult;
import io.hydrafs.compute.runtime.LocalJobRunner;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Local mode (Hadoop's {@code mapreduce.framework.name=local}): a job spec run to completion in
 * this JVM with {@link LocalJobRunner}. The spec is turned into a job exactly as a coordinator
 * would ({@link JobLoader}: built-in class, or the uploaded jar in its own class loader), so a
 * job that runs locally runs distributed too.
 */
public final class LocalJobs {
    private LocalJobs() {
    }

    /** Runs {@code spec}; a failed job is a {@code JobFailedException}, a refused one a HydraException. */
    public static JobResult run(HydraFileSystem fs, JobSpec spec) throws HydraException, InterruptedException {
        Path cache;
        try {
            cache = Files.createTempDirectory("hydra-local-job-");
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "cannot create a local directory for the job: " + e.getMessage(), e);
        }
        try (JobLoader loader = new JobLoader(fs, cache)) {
            return new LocalJobRunner(fs).run(loader.load(spec));
        } finally {
            deleteQuietly(cache);
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
