package io.hydrafs.compute.client;

import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.compute.wire.CoordinatorChannel;
import io.hydrafs.protocol.compute.ComputeMethods;
import io.hydrafs.protocol.compute.JobStatusProto;
import io.hydrafs.protocol.compute.JobStatusRequest;
import io.hydrafs.protocol.compute.JobStatusResponse;
import io.hydrafs.protocol.compute.KillJobRequest;
import io.hydrafs.protocol.compute.KillJobResponse;
import io.hydrafs.protocol.compute.ListJobsRequest;
import io.hydrafs.protocol.compute.ListJobsResponse;
import io.hydrafs.protocol.compute.SubmitJobRequest;
import io.hydrafs.protocol.compute.SubmitJobResponse;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcClientOptions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs jobs on a job coordinator: {@link #submit} a {@link JobSpec} and follow or kill it
 * through the {@link RunningJob} handle returned. A submit is refused at once (and nothing
 * is left behind) when the spec is invalid, an input is missing or the output exists;
 * failures later are in the job's status. Given several coordinators (comma-separated), calls
 * go to the active one and follow it through a failover (see {@link CoordinatorChannel}); a
 * job keeps its id across a failover. Thread-safe.
 */
public final class JobClient implements AutoCloseable {
    private static final long POLL_MS = 100;

    private final CoordinatorChannel channel;

    /** A client of the coordinators at {@code host:port[,host:port...]}. */
    public JobClient(String coordinatorAddress) {
        this(coordinatorAddress, RpcClientOptions.defaults());
    }

    public JobClient(String coordinatorAddress, RpcClientOptions options) {
        this(coordinatorAddress, options, CoordinatorChannel.DEFAULT_FAILOVER_TIMEOUT_MS);
    }

    /**
     * A client that looks for an active coordinator for at most {@code failoverTimeoutMs} per
     * call (0: one try at the first address, e.g. to ask one coordinator whether it is active).
     */
    public JobClient(String coordinatorAddress, RpcClientOptions options, long failoverTimeoutMs) {
        this.channel = new CoordinatorChannel(coordinatorAddress, options, failoverTimeoutMs);
    }

    /**
     * Submits the job; the handle follows it. The request carries a new submission id, and
     * every retry of it (a failover) the same one, so a coordinator that took over from one
     * that made the job but died before answering returns that job instead of a refusal.
     */
    public RunningJob submit(JobSpec spec) throws HydraException {
        SubmitJobRequest request = SubmitJobRequest.newBuilder().setSpec(ComputeWire.toProto(spec))
                .setSubmissionId(UUID.randomUUID().toString()).build();
        SubmitJobResponse r = channel.call(ComputeMethods.SUBMIT_JOB, request, SubmitJobResponse.parser());
        return new RunningJob(this, r.getJobId());
    }

    /**
     * A handle on a job submitted earlier (by this or another client). No call is made: an
     * unknown id fails on the handle's first question.
     */
    public RunningJob job(String jobId) {
        return new RunningJob(this, jobId);
    }

    JobStatus status(String jobId) throws HydraException {
        JobStatusResponse r = channel.call(ComputeMethods.JOB_STATUS,
                JobStatusRequest.newBuilder().setJobId(jobId).build(), JobStatusResponse.parser());
        return ComputeWire.fromProto(r.getStatus());
    }

    JobStatus waitForCompletion(String jobId, Duration timeout, Consumer<JobStatus> onPoll)
            throws HydraException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JobStatus s = status(jobId);
            onPoll.accept(s);
            if (s.finished()) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new HydraException(ErrorCode.TIMEOUT, "job " + jobId + " still running after " + timeout
                        + ": maps " + s.maps() + ", reduces " + s.reduces());
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Every job the coordinator knows, oldest first (without counters). */
    public List<JobStatus> list() throws HydraException {
        ListJobsResponse r = channel.call(ComputeMethods.LIST_JOBS, ListJobsRequest.getDefaultInstance(),
                ListJobsResponse.parser());
        List<JobStatus> jobs = new ArrayList<>();
        for (JobStatusProto p : r.getJobsList()) {
            jobs.add(ComputeWire.fromProto(p));
        }
        return jobs;
    }

    /** Ids of the workers the coordinator counts live (those that heartbeated within the expiry). */
    public List<String> liveWorkers() throws HydraException {
        return List.copyOf(channel.call(ComputeMethods.LIST_JOBS, ListJobsRequest.getDefaultInstance(),
                ListJobsResponse.parser()).getLiveWorkersList());
    }

    boolean kill(String jobId) throws HydraException {
        return channel.call(ComputeMethods.KILL_JOB, KillJobRequest.newBuilder().setJobId(jobId).build(),
                KillJobResponse.parser()).getKilled();
    }

    @Override
    public void close() {
        channel.close();
    }
}
