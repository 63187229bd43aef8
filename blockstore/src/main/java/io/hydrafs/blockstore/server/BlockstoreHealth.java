package io.hydrafs.blockstore.server;

import io.hydrafs.blockstore.storage.StorageSummary;
import io.hydrafs.protocol.http.Health;

/**
 * When a blockstore calls itself healthy on {@code /health}: it has at least one working volume
 * (it can store and serve replicas) and some meta node answered one of its heartbeats recently
 * (it is part of the cluster: the leader can count and order it). "Recently" is
 * {@link #silenceLimitMs}: ten heartbeat intervals, and never under ten seconds, so a single
 * slow meta round trip or a leader election does not flap the check, while a blockstore cut off
 * from every meta node turns unhealthy well before the meta nodes declare it dead (30 s by
 * default). Both inputs are cheap reads: the volume summary and the reporter's last-answer time.
 */
final class BlockstoreHealth {
    static final long MIN_SILENCE_LIMIT_MS = 10_000;

    private BlockstoreHealth() {
    }

    static long silenceLimitMs(long heartbeatIntervalMs) {
        return Math.max(10 * heartbeatIntervalMs, MIN_SILENCE_LIMIT_MS);
    }

    /**
     * @param lastMetaAnswerMs wall-clock time a meta node last answered a heartbeat, 0 = never
     */
    static Health of(StorageSummary storage, long lastMetaAnswerMs, long nowMs, long silenceLimitMs) {
        if (storage.activeVolumes() == 0) {
            return Health.failing("no healthy volume (" + storage.failedVolumes() + " failed)");
        }
        if (lastMetaAnswerMs == 0) {
            return Health.failing("no meta node has answered a heartbeat yet");
        }
        long silentMs = nowMs - lastMetaAnswerMs;
        if (silentMs > silenceLimitMs) {
            return Health.failing("no meta node has answered a heartbeat for " + silentMs + " ms");
        }
        return Health.ok();
    }
}
