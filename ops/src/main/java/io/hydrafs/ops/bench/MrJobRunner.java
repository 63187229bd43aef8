package io.hydrafs.ops.bench;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.client.JobClient;
import io.hydrafs.compute.client.RunningJob;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.runtime.JobResult;
import io.hydrafs.ops.job.LocalJobs;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;

import java.time.Duration;

/** Where a MapReduce workload's job runs: on a job coordinator, or in this JVM (local mode). */
public interface MrJobRunner {
    /** What a finished job reports. */
    record Outcome(int maps, int reduces, Counters counters) {
    }

    /** "distributed" or "local", as the JSON line's {@code mode} field says. */
    String mode();

    /** Runs the job to success; throws when it is refused or does not succeed. */
    Outcome run(JobSpec spec) throws Exception;

    /** Submits to the coordinator(s) at {@code address} and waits. */
    static MrJobRunner distributed(String address, Duration timeout) {
        return new MrJobRunner() {
            @Override
            public String mode() {
                return "distributed";
            }

            @Override
            public Outcome run(JobSpec spec) throws Exception {
                try (JobClient client = new JobClient(address)) {
                    RunningJob job = client.submit(spec);
                    JobStatus s = job.waitForCompletion(timeout);
                    if (s.state() != JobStatus.State.SUCCEEDED) {
                        throw new HydraException(ErrorCode.INTERNAL, "job " + job.id() + " " + s.state()
                                + (s.failure().isEmpty() ? "" : ": " + s.failure()));
                    }
                    return new Outcome(s.maps().total(), s.reduces().total(), s.counters());
                }
            }
        };
    }

    /** Runs the job with the LocalJobRunner in this JVM. */
    static MrJobRunner local(HydraFileSystem fs) {
        return new MrJobRunner() {
            @Override
            public String mode() {
                return "local";
            }

            @Override
            public Outcome run(JobSpec spec) throws Exception {
                JobResult r = LocalJobs.run(fs, spec);
                return new Outcome(r.mapTasks(), r.reduceTasks(), r.counters());
            }
        };
    }
}
