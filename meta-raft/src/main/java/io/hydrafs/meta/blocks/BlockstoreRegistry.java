package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.meta.BlockstoreLocation;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The blockstores a meta node has heard of, in order of first contact, and which of them are
 * live: heard from within the dead timeout. A blockstore is never forgotten (a dead one stays
 * listed, as HDFS lists dead DataNodes). Not thread-safe: {@link BlockManager}'s lock guards it.
 */
final class BlockstoreRegistry {
    private final Map<String, Blockstore> byId = new LinkedHashMap<>();
    private final long deadTimeoutMs;

    BlockstoreRegistry(long deadTimeoutMs) {
        this.deadTimeoutMs = deadTimeoutMs;
    }

    /**
     * Notes that the process started at {@code startTimeMs} at {@code location} was heard from
     * at {@code nowMs}. Returns true when that is a new process of a known blockstore (or a
     * first contact): what an earlier process reported is then void until the new one's full report.
     */
    boolean heardFrom(BlockstoreLocation location, long startTimeMs, long nowMs) {
        Blockstore b = byId.computeIfAbsent(location.getId(), id -> new Blockstore(location));
        b.location = location;
        b.lastHeardMs = nowMs;
        if (b.startTimeMs == startTimeMs) {
            return false;
        }
        b.startTimeMs = startTimeMs;
        b.fullReportReceived = false;
        return true;
    }

    /** The blockstore with this id, or null if this node never heard of it. */
    Blockstore get(String id) {
        return byId.get(id);
    }

    boolean isKnown(String id) {
        return byId.containsKey(id);
    }

    boolean isLive(Blockstore b, long nowMs) {
        return b.isLive(nowMs, deadTimeoutMs);
    }

    /** Known and live. */
    boolean isLive(String id, long nowMs) {
        Blockstore b = byId.get(id);
        return b != null && isLive(b, nowMs);
    }

    Stream<Blockstore> live(long nowMs) {
        return byId.values().stream().filter(b -> isLive(b, nowMs));
    }

    /** Whether this node holds a full report of every live blockstore (vacuously true when none is live). */
    boolean everyLiveOneReported(long nowMs) {
        return live(nowMs).allMatch(b -> b.fullReportReceived);
    }

    Collection<Blockstore> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    Set<String> ids() {
        return Collections.unmodifiableSet(byId.keySet());
    }
}
