package io.hydrafs.meta.blocks;

import io.hydrafs.protocol.meta.BlockstoreLocation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BlockstoreRegistryTest {
    private static final long DEAD_AFTER_MS = 1_000;

    private final BlockstoreRegistry registry = new BlockstoreRegistry(DEAD_AFTER_MS);

    private static BlockstoreLocation location(String id) {
        return BlockstoreLocation.newBuilder().setId(id).setHost("127.0.0.1").setDataPort(9000).build();
    }

    @Test
    void aNewProcessVoidsTheFullReportOfTheOldOneButAnotherMessageOfTheSameProcessDoesNot() {
        assertTrue(registry.heardFrom(location("bs1"), 100, 0), "first contact");
        registry.get("bs1").fullReportReceived = true;

        assertFalse(registry.heardFrom(location("bs1"), 100, 10), "same process");
        assertTrue(registry.get("bs1").fullReportReceived);

        assertTrue(registry.heardFrom(location("bs1"), 200, 20), "restarted process");
        assertFalse(registry.get("bs1").fullReportReceived);
    }

    @Test
    void aBlockstoreSilentForTheDeadTimeoutIsNotLiveButStaysKnown() {
        registry.heardFrom(location("bs1"), 1, 0);
        registry.heardFrom(location("bs2"), 1, 500);

        assertEquals(List.of("bs2"), registry.live(DEAD_AFTER_MS).map(Blockstore::id).toList());
        assertFalse(registry.isLive("bs1", DEAD_AFTER_MS));
        assertTrue(registry.isKnown("bs1"));
        assertFalse(registry.isLive("never-heard-of", 0));
        assertEquals(List.of("bs1", "bs2"), List.copyOf(registry.ids()), "order of first contact");
    }

    @Test
    void onlyLiveBlockstoresMustHaveReportedForTheViewToBeComplete() {
        registry.heardFrom(location("bs1"), 1, 0);
        registry.heardFrom(location("bs2"), 1, 900);
        registry.get("bs2").fullReportReceived = true;

        assertFalse(registry.everyLiveOneReported(500), "bs1 is live and has not reported");
        assertTrue(registry.everyLiveOneReported(DEAD_AFTER_MS + 100), "bs1 is dead by then");
    }
}
