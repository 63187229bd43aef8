package io.hydrafs.meta.coord;

import com.google.protobuf.Message;
import io.hydrafs.meta.admin.SuperuserCheck;
import io.hydrafs.meta.namespace.Caller;
import io.hydrafs.meta.namespace.NamespacePolicy;
import io.hydrafs.meta.store.MetaReader;
import io.hydrafs.meta.store.MetaWriter;
import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import io.hydrafs.protocol.error.Invariants;
import io.hydrafs.protocol.meta.CoordAcquireLeaseRequest;
import io.hydrafs.protocol.meta.CoordAcquireLeaseResponse;
import io.hydrafs.protocol.meta.CoordCompareAndSetRequest;
import io.hydrafs.protocol.meta.CoordCompareAndSetResponse;
import io.hydrafs.protocol.meta.CoordDeleteRequest;
import io.hydrafs.protocol.meta.CoordDeleteResponse;
import io.hydrafs.protocol.meta.CoordGetResponse;
import io.hydrafs.protocol.meta.CoordRecordProto;
import io.hydrafs.protocol.meta.CoordReleaseLeaseRequest;
import io.hydrafs.protocol.meta.CoordReleaseLeaseResponse;
import io.hydrafs.protocol.meta.DecommissionRequest;
import io.hydrafs.protocol.meta.EmptyResponse;
import io.hydrafs.protocol.meta.MetaOp;

import java.util.Set;

/**
 * The replicated state outside the namespace that the state machine and the read path reach:
 * coordination records (compare-and-set, leases; rules in {@link CoordinationRules}) and the
 * set of blockstores being decommissioned. The one entry point for those ops, like
 * {@code Namespace} is for namespace ops.
 *
 * <p>Deterministic: an op sees only the store, the op (with the caller the leader put in it),
 * the batch time and the entry's Raft term. Nothing is resolved on the leader beforehand: the
 * batch time, stamped by the leader when it forms the entry, is the only clock, and every rule
 * is checked at apply against the state as it is then, so there is no leader-side guess that
 * apply must re-check. Expected failures throw {@link HydraException} before any write.
 *
 * <p>Who may write: the superuser (or supergroup), as for administration; compute processes run
 * as the superuser. Reads are open to every caller.
 *
 * <p>Thread-safety: stateless; safe to share.
 */
public final class Coordination {
    private final SuperuserCheck superuser;

    public Coordination(NamespacePolicy policy) {
        this.superuser = SuperuserCheck.of(policy);
    }

    /** Whether {@link #apply} is the one to apply this op (else it is a namespace op). */
    public static boolean handles(MetaOp op) {
        return handles(op.getOpCase());
    }

    /** Whether ops of this case are applied here (else they are namespace ops). */
    public static boolean handles(MetaOp.OpCase opCase) {
        return switch (opCase) {
            case COORD_COMPARE_AND_SET, COORD_DELETE, COORD_ACQUIRE_LEASE, COORD_RELEASE_LEASE,
                    SET_DECOMMISSIONING -> true;
            default -> false;
        };
    }

    /**
     * Notes the Raft term of the entry being applied, before its ops: the first entry of a new
     * term records its batch time as the moment the term's leader took office (the lease rule in
     * {@link CoordinationRules}). Term 0 (callers without a log, tests) changes nothing.
     */
    public void observeEntry(long term, long nowMs, MetaWriter w) {
        if (term <= 0) {
            return;
        }
        CoordinationTable.TermStart seen = CoordinationTable.term(w);
        Invariants.check(term >= seen.term(), "entry of term %d applied after term %d", term, seen.term());
        if (term > seen.term()) {
            CoordinationTable.putTerm(w, new CoordinationTable.TermStart(term, nowMs));
        }
    }

    /** Applies one op that {@link #handles}, at batch time {@code nowMs}; returns its response. */
    public Message apply(MetaOp op, long nowMs, MetaWriter w) throws HydraException {
        Invariants.check(handles(op), "not a coordination op: %s", op.getOpCase());
        superuser.require(new Caller(op.getUser(), op.getGroupsList()), "writing coordination records");
        LeaseTime t = new LeaseTime(nowMs, CoordinationTable.term(w).startMs());
        long next = CoordinationTable.revision(w) + 1;
        return switch (op.getOpCase()) {
            case COORD_COMPARE_AND_SET -> compareAndSet(op.getCoordCompareAndSet(), t, next, w);
            case COORD_DELETE -> delete(op.getCoordDelete(), t, w);
            case COORD_ACQUIRE_LEASE -> acquire(op.getCoordAcquireLease(), t, next, w);
            case COORD_RELEASE_LEASE -> release(op.getCoordReleaseLease(), next, w);
            case SET_DECOMMISSIONING -> setDecommissioning(op.getSetDecommissioning(), w);
            default -> throw new IllegalStateException("unreachable: " + op.getOpCase());
        };
    }

    /**
     * The record under {@code key} as of {@code nowMs} (the reading leader's clock). Between a
     * new leader's election and the first entry of its term being applied (normally
     * milliseconds: the new leader proposes one at once), the lease is judged by the previous
     * term's start, so it may be shown as expired although an acquire would still find it live.
     */
    public CoordGetResponse get(String key, long nowMs, MetaReader r) throws HydraException {
        CoordKeys.checkKey(key);
        CoordRecordProto current = CoordinationTable.get(r, key);
        if (current == null) {
            return CoordGetResponse.getDefaultInstance();
        }
        CoordGetResponse.Builder b = CoordGetResponse.newBuilder().setVersion(current.getVersion())
                .setValue(current.getValue());
        LeaseTime t = new LeaseTime(nowMs, CoordinationTable.term(r).startMs());
        if (CoordinationRules.isLive(current, t)) {
            b.setLeaseHolder(current.getLeaseHolder()).setLeaseEpoch(current.getLeaseEpoch())
                    .setLeaseRemainingMs(CoordinationRules.remainingMs(current, t))
                    .setLeaseTtlMs(current.getLeaseTtlMs());
        }
        return b.build();
    }

    /** The blockstores being decommissioned, by id. */
    public static Set<String> decommissioning(MetaReader r) {
        return CoordinationTable.decommissioning(r);
    }

    // ---- validation at the edge (the service calls these before proposing; apply repeats them) ----

    public static void check(CoordCompareAndSetRequest req) throws HydraException {
        CoordKeys.checkKey(req.getKey());
        CoordKeys.checkValue(req.getKey(), req.getValue().size());
    }

    public static void check(CoordDeleteRequest req) throws HydraException {
        CoordKeys.checkKey(req.getKey());
    }

    public static void check(CoordAcquireLeaseRequest req) throws HydraException {
        CoordKeys.checkKey(req.getKey());
        CoordKeys.checkHolder(req.getHolder());
        CoordKeys.checkValue(req.getKey(), req.getValue().size());
        CoordKeys.checkTtl(req.getTtlMs());
    }

    public static void check(CoordReleaseLeaseRequest req) throws HydraException {
        CoordKeys.checkKey(req.getKey());
        CoordKeys.checkHolder(req.getHolder());
    }

    public static void check(DecommissionRequest req) throws HydraException {
        if (req.getBlockstoreId().isEmpty()) {
            throw new HydraException(ErrorCode.INVALID_ARGUMENT, "decommission needs a blockstore id");
        }
        CoordKeys.checkName("blockstore id", req.getBlockstoreId(), CoordKeys.MAX_KEY_BYTES);
    }

    // ---- the ops ----

    private static CoordCompareAndSetResponse compareAndSet(CoordCompareAndSetRequest req, LeaseTime t, long next,
                                                            MetaWriter w) throws HydraException {
        check(req);
        CoordRecordProto written = CoordinationRules.compareAndSet(req.getKey(),
                CoordinationTable.get(w, req.getKey()), req.getExpectedVersion(), req.getValue(), t, next);
        CoordinationTable.put(w, req.getKey(), written);
        return CoordCompareAndSetResponse.newBuilder().setVersion(written.getVersion()).build();
    }

    private static CoordDeleteResponse delete(CoordDeleteRequest req, LeaseTime t, MetaWriter w)
            throws HydraException {
        check(req);
        boolean present = CoordinationRules.delete(req.getKey(), CoordinationTable.get(w, req.getKey()),
                req.getExpectedVersion(), t);
        if (present) {
            CoordinationTable.delete(w, req.getKey());
        }
        return CoordDeleteResponse.newBuilder().setDeleted(present).build();
    }

    private static CoordAcquireLeaseResponse acquire(CoordAcquireLeaseRequest req, LeaseTime t, long next,
                                                     MetaWriter w) throws HydraException {
        check(req);
        CoordinationRules.Grant grant = CoordinationRules.acquire(req.getKey(), CoordinationTable.get(w, req.getKey()),
                req.getHolder(), req.getValue(), req.getTtlMs(), t, next);
        CoordinationTable.put(w, req.getKey(), grant.record());
        return CoordAcquireLeaseResponse.newBuilder().setVersion(grant.record().getVersion())
                .setEpoch(grant.record().getLeaseEpoch()).setRenewed(grant.renewed()).build();
    }

    private static CoordReleaseLeaseResponse release(CoordReleaseLeaseRequest req, long next, MetaWriter w)
            throws HydraException {
        check(req);
        CoordRecordProto released = CoordinationRules.release(CoordinationTable.get(w, req.getKey()),
                req.getHolder(), next);
        if (released != null) {
            CoordinationTable.put(w, req.getKey(), released);
        }
        return CoordReleaseLeaseResponse.newBuilder().setReleased(released != null).build();
    }

    private static EmptyResponse setDecommissioning(DecommissionRequest req, MetaWriter w) throws HydraException {
        check(req);
        CoordinationTable.setDecommissioning(w, req.getBlockstoreId(), req.getOn());
        return EmptyResponse.getDefaultInstance();
    }
}
