package io.hydrafs.meta.lease;

import io.hydrafs.meta.namespace.LeaseHolders;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The leader's view of writers' leases: when each lease holder last renewed. Soft state, as in
 * HDFS's NameNode: renewals are not logged. A new leader starts every holder that has a file
 * under construction at "renewed now", which gives writers a full hard-limit period to find
 * the new leader before their files are closed under them.
 *
 * <p>Files under lease recovery are held by the namespace ({@link LeaseHolders#RECOVERY}), not
 * by a client that renews: that holder is never tracked here. Instead each recovery attempt is
 * tracked per file from when it started; an attempt that has not closed the file within the hard
 * limit (its order was lost, no replica answered) is due to be started again. So a stuck file is
 * retried once per hard limit, never in a tight loop, and one file's new attempt does not postpone
 * another's. A new leader starts every recovery under way again at once: the attempt was ordered
 * by the previous leader, whose order (kept only in its memory) may be lost with it, and no client
 * renews a recovery, so waiting would leave a truncated or abandoned file open a whole hard limit.
 *
 * <p>Plain logic over explicit times; the caller supplies the clock. Thread-safe.
 */
public final class LeaseManager {
    private final long hardLimitMs;
    private final Map<String, Long> lastRenewedMs = new HashMap<>();
    private final Map<Long, Long> recoveryStartedMs = new HashMap<>();
    /** Changes on every reset: work started against an older table must not write into a newer one. */
    private long generation;

    public LeaseManager(long hardLimitMs) {
        this.hardLimitMs = hardLimitMs;
    }

    public synchronized void renew(String holder, long nowMs) {
        if (holder != null && !holder.isEmpty() && !LeaseHolders.isRecovery(holder)) {
            lastRenewedMs.put(holder, nowMs);
        }
    }

    /** Forgets all holders and recoveries and starts the given holders fresh. */
    public synchronized void reset(Iterable<String> holders, long nowMs) {
        reset(holders, List.of(), nowMs);
    }

    /**
     * Forgets everything, starts the given holders fresh (on becoming leader: each writer gets a
     * full hard limit to find this leader) and makes the recoveries of the given files due now.
     */
    public synchronized void reset(Iterable<String> holders, Iterable<Long> recoveringInodeIds, long nowMs) {
        generation++;
        lastRenewedMs.clear();
        recoveryStartedMs.clear();
        for (String h : holders) {
            renew(h, nowMs);
        }
        for (long id : recoveringInodeIds) {
            recoveryStartedMs.put(id, nowMs - hardLimitMs - 1);
        }
    }

    /** The table's generation: it changes with every {@link #reset}. */
    public synchronized long generation() {
        return generation;
    }

    /**
     * Puts back a holder taken by {@link #takeExpired} as due at {@code renewedMs}, unless the
     * table was reset since {@code generationTaken}: a node that lost leadership in between (and
     * perhaps won it again) must not expire a writer on the strength of an older term's table.
     */
    public synchronized void putBack(String holder, long renewedMs, long generationTaken) {
        if (generationTaken == generation) {
            renew(holder, renewedMs);
        }
    }

    /** Like {@link #putBack} for a recovery taken by {@link #takeStalledRecoveries}, or one just started. */
    public synchronized void putBackRecovery(long inodeId, long startedMs, long generationTaken) {
        if (generationTaken == generation) {
            recoveryStartedMs.put(inodeId, startedMs);
        }
    }

    /** A recovery attempt of the file started (or restarted) at {@code nowMs}. */
    public synchronized void recoveryStarted(long inodeId, long nowMs) {
        recoveryStartedMs.put(inodeId, nowMs);
    }

    /** The file's recovery ended (committed, or the file is gone). */
    public synchronized void recoveryEnded(long inodeId) {
        recoveryStartedMs.remove(inodeId);
    }

    /** Files whose recovery attempt started more than the hard limit ago; they are forgotten. */
    public synchronized List<Long> takeStalledRecoveries(long nowMs) {
        List<Long> stalled = new ArrayList<>();
        recoveryStartedMs.entrySet().removeIf(e -> {
            if (nowMs - e.getValue() > hardLimitMs) {
                stalled.add(e.getKey());
                return true;
            }
            return false;
        });
        stalled.sort(null);
        return stalled;
    }

    public synchronized boolean isRecovering(long inodeId) {
        return recoveryStartedMs.containsKey(inodeId);
    }

    public synchronized void release(String holder) {
        lastRenewedMs.remove(holder);
    }

    /** Holders whose last renewal is older than the hard limit; they are forgotten. */
    public synchronized List<String> takeExpired(long nowMs) {
        List<String> expired = new ArrayList<>();
        lastRenewedMs.entrySet().removeIf(e -> {
            if (nowMs - e.getValue() > hardLimitMs) {
                expired.add(e.getKey());
                return true;
            }
            return false;
        });
        return expired;
    }

    public synchronized boolean holds(String holder) {
        return lastRenewedMs.containsKey(holder);
    }
}
