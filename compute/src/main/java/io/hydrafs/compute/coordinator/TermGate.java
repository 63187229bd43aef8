package io.hydrafs.compute.coordinator;

import io.hydrafs.compute.coordinator.lease.Leadership;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.NotLeaderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Ties the coordinator's {@link ActiveTerm} to its {@link Leadership}: {@link #current} lets
 * an action through only while the lease is held at the term's epoch (checked on every call,
 * by the clock, so a node whose renewals stopped is fenced even before anyone notices), and
 * {@link #follow} ends the term when the lease is lost, moved to another epoch or the journal
 * failed, and starts a new term when the lease is newly held. Plain logic: the clock is
 * given, the term is built by the caller. Thread-safe ({@code follow} from one thread).
 */
final class TermGate implements ActiveTerms {
    private static final Logger LOG = LoggerFactory.getLogger(TermGate.class);

    /** Builds a term for a newly held lease: recovery from the journal. */
    @FunctionalInterface
    interface TakeOver {
        ActiveTerm start(long epoch) throws HydraException;
    }

    private final Leadership leadership;
    private final LongSupplier monotonicMs;
    private volatile ActiveTerm term;

    TermGate(Leadership leadership, LongSupplier monotonicMs) {
        this.leadership = leadership;
        this.monotonicMs = monotonicMs;
    }

    @Override
    public ActiveTerm current() throws HydraException {
        OptionalLong epoch = leadership.activeEpoch(monotonicMs.getAsLong());
        ActiveTerm t = term;
        if (epoch.isPresent() && t != null && t.epoch() == epoch.getAsLong() && !t.failed()) {
            return t;
        }
        if (epoch.isPresent()) {
            throw new HydraException(ErrorCode.NOT_READY, "coordinator " + leadership.address()
                    + " holds the lease and is recovering its jobs");
        }
        String active = leadership.activeAddress();
        boolean known = !active.isEmpty() && !active.equals(leadership.address());
        throw new NotLeaderException("coordinator " + leadership.address() + " is a standby"
                + (known ? "; the active one is " + active : ""), known ? active : "");
    }

    /** The term after following the lease; null while this node must not act. */
    ActiveTerm follow(TakeOver takeOver) throws HydraException {
        OptionalLong epoch = leadership.activeEpoch(monotonicMs.getAsLong());
        ActiveTerm t = term;
        if (t != null && (epoch.isEmpty() || epoch.getAsLong() != t.epoch() || t.failed())) {
            term = null;
            t.close();
            LOG.warn("coordinator {} stops acting: {}", leadership.address(), t.failed() ? "its journal failed"
                    : epoch.isEmpty() ? "it lost the lease" : "the lease moved to epoch " + epoch.getAsLong());
            if (t.failed()) {
                leadership.resign();
            }
            t = null;
            epoch = leadership.activeEpoch(monotonicMs.getAsLong());
        }
        if (t == null && epoch.isPresent()) {
            t = takeOver.start(epoch.getAsLong());
            term = t;
        }
        return t;
    }

    /** Ends the term, if any (the node stops). */
    void close() {
        ActiveTerm t = term;
        term = null;
        if (t != null) {
            t.close();
        }
    }
}
