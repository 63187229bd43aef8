package io.hydrafs.compute.coordinator;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.JobLoader;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.output.OutputCommitter;
import io.hydrafs.compute.runtime.ComputeConfig;
import io.hydrafs.compute.runtime.Job;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.io.IOException;
import java.util.List;

/**
 * The I/O a job needs before the scheduler takes it, in an order that leaves nothing behind
 * when the job is refused: settings are checked, the job is defined from its spec (so its
 * jar and classes load here first), its inputs are planned into splits (a missing input is
 * FILE_NOT_FOUND naming it), and only then is the output directory created (an existing one
 * is FILE_ALREADY_EXISTS).
 */
final class JobSubmission {
    private final HydraFileSystem fs;
    private final JobLoader loader;

    JobSubmission(HydraFileSystem fs, JobLoader loader) {
        this.fs = fs;
        this.loader = loader;
    }

    /** The job's splits, its output directory set up. */
    List<InputSplit> prepare(JobSpec spec) throws HydraException {
        spec.validate();
        SchedulingSettings.from(spec.config());
        ComputeConfig.from(spec.config());
        Job job = loader.load(spec);
        List<InputSplit> splits;
        try {
            splits = job.inputFormat().splits(fs, job.inputs());
        } catch (HydraException e) {
            throw new HydraException(e.code(), "job " + spec.name() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new HydraException(ErrorCode.IO_ERROR, "job " + spec.name() + ": listing inputs: " + e.getMessage(), e);
        }
        new OutputCommitter(fs, spec.output()).setupJob();
        return splits;
    }

    /** Commits ({@code _SUCCESS} last) or removes the output of a job that ended; the error or null. */
    String finish(JobFinish finish) {
        try {
            OutputCommitter committer = OutputCommitter.forRunningJob(fs, finish.spec().output());
            if (finish.commit()) {
                // a coordinator that took over may redo a commit its predecessor completed
                if (fs.exists(finish.spec().output() + "/" + OutputCommitter.SUCCESS)) {
                    return null;
                }
                committer.commitJob();
            } else {
                committer.abortJob();
            }
            return null;
        } catch (HydraException e) {
            return e.toString();
        } finally {
            if (!finish.spec().jarPath().isEmpty()) {
                loader.release(finish.spec().jarPath());
            }
        }
    }
}
