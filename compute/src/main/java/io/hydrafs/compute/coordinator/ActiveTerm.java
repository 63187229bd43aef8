package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.coordinator.journal.TermJournal;
import io.hydrafs.protocol.error.HydraException;

/**
 * One stretch of time during which this coordinator holds the lease at one epoch: the
 * scheduler it built from the journal, and the journal file it appends to. A term ends when
 * the lease is lost, its epoch changes or the journal fails; the next term starts over from
 * the journal with a new scheduler, so nothing decided by a fenced-off term leaks into it.
 */
final class ActiveTerm {
    private final long epoch;
    private final JobScheduler scheduler;
    private final TermJournal journal;
    private volatile boolean failed;

    ActiveTerm(long epoch, JobScheduler scheduler, TermJournal journal) {
        this.epoch = epoch;
        this.scheduler = scheduler;
        this.journal = journal;
    }

    long epoch() {
        return epoch;
    }

    /** Callers hold its monitor for every call and for {@link #sync}. */
    JobScheduler scheduler() {
        return scheduler;
    }

    /** Makes the scheduler's events so far durable; a failure ends the term. */
    void sync() throws HydraException {
        try {
            journal.sync();
        } catch (HydraException e) {
            failed = true;
            throw e;
        }
    }

    /** The journal failed: the term must end. */
    boolean failed() {
        return failed;
    }

    void close() {
        journal.close();
    }
}
