package io.hydrafs.meta.lease;

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
 * <p>Plain logic over explicit times; the caller supplies the clock. Thread-safe.
 */
public final class LeaseManager {
    private final long hardLimitMs;
    private final Map<String, Long> lastRenewedMs = new HashMap<>();

    public LeaseManager(long hardLimitMs) {
        this.hardLimitMs = hardLimitMs;
    }

    public synchronized void renew(String holder, long nowMs) {
        if (holder != null && !holder.isEmpty()) {
            lastRenewedMs.put(holder, nowMs);
        }
    }

    /** Forgets all holders and starts the given ones fresh (on becoming leader). */
    public synchronized void reset(Iterable<String> holders, long nowMs) {
        lastRenewedMs.clear();
        for (String h : holders) {
            renew(h, nowMs);
        }
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
