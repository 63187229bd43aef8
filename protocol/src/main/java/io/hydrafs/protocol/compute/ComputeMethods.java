package io.hydrafs.protocol.compute;

/**
 * RPC methods of the job coordinator (messages in compute.proto): what clients call to run
 * jobs, and what compute workers call to get work, report it and shuffle.
 */
public final class ComputeMethods {
    private ComputeMethods() {
    }

    // clients
    /** SubmitJobRequest -> SubmitJobResponse; refuses an existing output or a missing input at once. */
    public static final String SUBMIT_JOB = "compute.submitJob";
    /** JobStatusRequest -> JobStatusResponse. */
    public static final String JOB_STATUS = "compute.jobStatus";
    /** ListJobsRequest -> ListJobsResponse. */
    public static final String LIST_JOBS = "compute.listJobs";
    /** KillJobRequest -> KillJobResponse. */
    public static final String KILL_JOB = "compute.killJob";

    // workers
    /** WorkerHeartbeatRequest -> WorkerHeartbeatResponse (new attempts, attempts to kill). */
    public static final String WORKER_HEARTBEAT = "compute.workerHeartbeat";
    /** MapOutputEventsRequest -> MapOutputEventsResponse, for a reduce attempt's shuffle. */
    public static final String MAP_OUTPUT_EVENTS = "compute.mapOutputEvents";
    /** FetchFailureRequest -> FetchFailureResponse: a reducer could not fetch a map output. */
    public static final String REPORT_FETCH_FAILURE = "compute.reportFetchFailure";
    /** CanCommitRequest -> CanCommitResponse: may this reduce attempt promote its output. */
    public static final String CAN_COMMIT = "compute.canCommit";
}
