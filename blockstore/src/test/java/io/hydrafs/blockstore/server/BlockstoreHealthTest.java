package io.hydrafs.blockstore.server;

import io.hydrafs.blockstore.storage.StorageSummary;
import io.hydrafs.protocol.http.Health;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockstoreHealthTest {
    private static final StorageSummary TWO_VOLUMES = new StorageSummary(100, 10, 90, 2, 0);
    private static final long LIMIT_MS = 10_000;

    @Test
    void workingVolumeAndARecentMetaAnswerIsHealthy() {
        assertEquals(Health.ok(), BlockstoreHealth.of(TWO_VOLUMES, 50_000, 55_000, LIMIT_MS));
    }

    @Test
    void noWorkingVolumeIsUnhealthy() {
        Health h = BlockstoreHealth.of(new StorageSummary(0, 0, 0, 0, 2), 50_000, 50_001, LIMIT_MS);

        assertFalse(h.healthy());
        assertTrue(h.reason().contains("no healthy volume"), h.reason());
    }

    @Test
    void neverHeardFromAMetaNodeIsUnhealthy() {
        assertFalse(BlockstoreHealth.of(TWO_VOLUMES, 0, 50_000, LIMIT_MS).healthy());
    }

    @Test
    void metaSilenceLongerThanTheLimitIsUnhealthy() {
        Health h = BlockstoreHealth.of(TWO_VOLUMES, 50_000, 60_001, LIMIT_MS);

        assertFalse(h.healthy());
        assertTrue(h.reason().contains("10001 ms"), h.reason());
    }

    @Test
    void silenceLimitIsTenHeartbeatsButNeverUnderTenSeconds() {
        assertEquals(10_000, BlockstoreHealth.silenceLimitMs(200));
        assertEquals(30_000, BlockstoreHealth.silenceLimitMs(3_000));
    }
}
