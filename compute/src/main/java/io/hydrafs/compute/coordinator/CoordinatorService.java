package io.hydrafs.compute.coordinator;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.hydrafs.compute.input.InputSplit;
import io.hydrafs.compute.job.AttemptKey;
import io.hydrafs.compute.job.JobSpec;
import io.hydrafs.compute.wire.ComputeWire;
import io.hydrafs.protocol.compute.CanCommitRequest;
import io.hydrafs.protocol.compute.CanCommitResponse;
import io.hydrafs.protocol.compute.ComputeMethods;
import io.hydrafs.protocol.compute.FetchFailureRequest;
import io.hydrafs.protocol.compute.FetchFailureResponse;
import io.hydrafs.protocol.compute.JobStatusRequest;
import io.hydrafs.protocol.compute.JobStatusResponse;
import io.hydrafs.protocol.compute.KillJobRequest;
import io.hydrafs.protocol.compute.KillJobResponse;
import io.hydrafs.protocol.compute.ListJobsRequest;
import io.hydrafs.protocol.compute.ListJobsResponse;
import io.hydrafs.protocol.compute.MapOutputEventsRequest;
import io.hydrafs.protocol.compute.MapOutputEventsResponse;
import io.hydrafs.protocol.compute.SubmitJobRequest;
import io.hydrafs.protocol.compute.SubmitJobResponse;
import io.hydrafs.protocol.compute.WorkerHeartbeatRequest;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.net.RpcCall;
import io.hydrafs.protocol.net.RpcHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The coordinator's RPC methods (compute.proto): decode and validate each request, then
 * act on the active term's {@link JobScheduler} under its lock and sync the journal before
 * answering. On a standby (or while the lease holder still recovers) every method fails with
 * the retryable error of {@link ActiveTerms}. A submit does its file system work
 * ({@link JobSubmission}) before taking the lock, so heartbeats never wait for it. Handlers
 * block, so the server must run them on a handler executor.
 */
public final class CoordinatorService {
    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorService.class);
    /** A UUID has 36; room for other schemes, not for abuse. */
    static final int MAX_SUBMISSION_ID_CHARS = 128;

    private final ActiveTerms terms;
    private final JobSubmission submission;
    private final LongSupplier clock;

    CoordinatorService(ActiveTerms terms, JobSubmission submission, LongSupplier clock) {
        this.terms = terms;
        this.submission = submission;
        this.clock = clock;
    }

    public void registerAll(BiConsumer<String, RpcHandler> register) {
        register.accept(ComputeMethods.SUBMIT_JOB, call -> handle(call, SubmitJobRequest.parser(), this::submit));
        register.accept(ComputeMethods.JOB_STATUS, call -> handle(call, JobStatusRequest.parser(), req ->
                inTerm(s -> JobStatusResponse.newBuilder().setStatus(ComputeWire.toProto(s.status(req.getJobId())))
                        .build())));
        register.accept(ComputeMethods.LIST_JOBS, call -> handle(call, ListJobsRequest.parser(), req -> inTerm(s -> {
            ListJobsResponse.Builder b = ListJobsResponse.newBuilder();
            s.list().forEach(j -> b.addJobs(ComputeWire.toProto(j)));
            return b.addAllLiveWorkers(s.liveWorkers()).build();
        })));
        register.accept(ComputeMethods.KILL_JOB, call -> handle(call, KillJobRequest.parser(), req -> inTerm(s ->
                KillJobResponse.newBuilder().setKilled(s.kill(req.getJobId(), clock.getAsLong())).build())));
        register.accept(ComputeMethods.WORKER_HEARTBEAT, call -> handle(call, WorkerHeartbeatRequest.parser(), req -> {
            WorkerReport report = WorkerMessages.report(req);
            return inTerm(s -> WorkerMessages.reply(s.heartbeat(report, clock.getAsLong())));
        }));
        register.accept(ComputeMethods.MAP_OUTPUT_EVENTS, call -> handle(call, MapOutputEventsRequest.parser(), req ->
                inTerm(s -> {
                    MapOutputEventsResponse.Builder b = MapOutputEventsResponse.newBuilder();
                    s.mapOutputEvents(req.getJobId(), req.getFromIndex())
                            .forEach(e -> b.addEvents(ComputeWire.toProto(e)));
                    return b.setNextIndex(s.mapOutputEventCount(req.getJobId()))
                            .setJobRunning(s.isRunning(req.getJobId())).build();
                })));
        register.accept(ComputeMethods.REPORT_FETCH_FAILURE, call -> handle(call, FetchFailureRequest.parser(), req -> {
            AttemptKey reducer = ComputeWire.fromProto(req.getReducer());
            LOG.info("{} could not fetch map {} attempt {}: {}", reducer, req.getMapIndex(), req.getMapAttempt(),
                    req.getError());
            return inTerm(s -> {
                s.reportFetchFailure(req.getJobId(), req.getMapIndex(), req.getMapAttempt(), reducer,
                        clock.getAsLong());
                return FetchFailureResponse.getDefaultInstance();
            });
        }));
        register.accept(ComputeMethods.CAN_COMMIT, call -> handle(call, CanCommitRequest.parser(), req -> {
            AttemptKey attempt = ComputeWire.fromProto(req.getAttempt());
            return inTerm(s -> CanCommitResponse.newBuilder().setAllowed(s.canCommit(attempt)).build());
        }));
    }

    private SubmitJobResponse submit(SubmitJobRequest req) throws HydraException {
        if (!req.hasSpec()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "a submit needs a job spec");
        }
        JobSpec spec = ComputeWire.fromProto(req.getSpec());
        String submissionId = req.getSubmissionId();
        if (submissionId.length() > MAX_SUBMISSION_ID_CHARS) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "submission id longer than "
                    + MAX_SUBMISSION_ID_CHARS + " characters");
        }
        terms.current();  // a standby refuses before touching the file system
        Optional<String> known = inTerm(s -> s.submittedAs(submissionId));
        if (known.isPresent()) {
            LOG.info("submit {} sent again: it is job {}", submissionId, known.get());
            return SubmitJobResponse.newBuilder().setJobId(known.get()).build();
        }
        List<InputSplit> splits;
        try {
            splits = submission.prepare(spec);
        } catch (HydraException e) {
            // a copy of this submit that arrived meanwhile may have made the job, and its output
            known = inTerm(s -> s.submittedAs(submissionId));
            if (known.isPresent()) {
                return SubmitJobResponse.newBuilder().setJobId(known.get()).build();
            }
            throw e;
        }
        String id = inTerm(s -> s.submit(submissionId, spec, splits, clock.getAsLong()));
        LOG.info("job {} ({}) submitted: {} maps, {} reduces, output {}", id, spec.name(), splits.size(),
                spec.reducers(), spec.output());
        return SubmitJobResponse.newBuilder().setJobId(id).build();
    }

    @FunctionalInterface
    private interface SchedulerCall<R> {
        R apply(JobScheduler scheduler) throws HydraException;
    }

    /**
     * Runs {@code body} on the active term's scheduler, under its lock, and makes the journal
     * records it caused durable before the answer leaves (a worker may act on an assignment or
     * a commit grant at once, so the journal must know them first).
     */
    private <R> R inTerm(SchedulerCall<R> body) throws HydraException {
        ActiveTerm term = terms.current();
        synchronized (term.scheduler()) {
            R result = body.apply(term.scheduler());
            term.sync();
            return result;
        }
    }

    @FunctionalInterface
    private interface Body<Q> {
        Message apply(Q request) throws HydraException;
    }

    private static <Q> CompletableFuture<Message> handle(RpcCall call, Parser<Q> parser, Body<Q> body) {
        try {
            Q request;
            try {
                request = parser.parseFrom(call.payload());
            } catch (InvalidProtocolBufferException e) {
                throw new HydraException(ErrorCode.MALFORMED_REQUEST, call.method() + ": " + e.getMessage());
            }
            return CompletableFuture.completedFuture(body.apply(request));
        } catch (HydraException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
