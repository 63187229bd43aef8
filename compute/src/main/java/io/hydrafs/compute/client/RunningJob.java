package io.hydrafs.compute.client;

import io.hydrafs.compute.api.Counters;
import io.hydrafs.compute.job.JobStatus;
import io.hydrafs.protocol.error.HydraException;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A handle on one job of a coordinator, as Hadoop's {@code RunningJob}: what
 * {@link JobClient#submit} returns, or {@link JobClient#job} gives for an id known from
 * elsewhere (e.g. the command line). It holds only the id and the client: every question is
 * one call to the active coordinator, so the handle stays valid through a coordinator
 * failover (the job keeps its id) and is as thread-safe as the client. Once the coordinator
 * no longer retains a finished job, the calls fail with INVALID_ARGUMENT ("no job ...").
 */
public final class RunningJob {
    private final JobClient client;
    private final String id;

    RunningJob(JobClient client, String id) {
        this.client = Objects.requireNonNull(client, "client");
        this.id = Objects.requireNonNull(id, "id");
    }

    /** Fractions of the map and of the reduce tasks that succeeded, each in [0, 1]. */
    public record Progress(double maps, double reduces) {
        static Progress of(JobStatus s) {
            return new Progress(fraction(s.maps()), fraction(s.reduces()));
        }

        private static double fraction(JobStatus.Progress p) {
            return p.total() == 0 ? 1.0 : (double) p.succeeded() / p.total();
        }
    }

    public String id() {
        return id;
    }

    /** State, task counts, counters, failure and times, as the coordinator sees them now. */
    public JobStatus status() throws HydraException {
        return client.status(id);
    }

    public Progress progress() throws HydraException {
        return Progress.of(status());
    }

    /** The counters so far (successful attempts' plus the job's own); final once the job finished. */
    public Counters counters() throws HydraException {
        return status().counters();
    }

    /** Whether the job ended (SUCCEEDED, FAILED or KILLED, output committed or removed). */
    public boolean isComplete() throws HydraException {
        return status().finished();
    }

    /**
     * Waits until the job finished, whatever the outcome (look at {@link JobStatus#state()});
     * TIMEOUT if it still runs after {@code timeout} (it goes on running).
     */
    public JobStatus waitForCompletion(Duration timeout) throws HydraException, InterruptedException {
        return waitForCompletion(timeout, s -> { });
    }

    /** As {@link #waitForCompletion(Duration)}, giving every status polled to {@code onPoll} (e.g. to print progress). */
    public JobStatus waitForCompletion(Duration timeout, Consumer<JobStatus> onPoll)
            throws HydraException, InterruptedException {
        return client.waitForCompletion(id, timeout, onPoll);
    }

    /** Kills the job (its output is removed); false when it had already finished. */
    public boolean kill() throws HydraException {
        return client.kill(id);
    }

    @Override
    public String toString() {
        return id;
    }
}
