package io.hydrafs.meta.blocks;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecommissioningSetTest {
    private static final int NOT_COUNTED = -1;

    @Test
    void aReplacementReportsWhatStartedOrEndedAndForgetsTheirCounts() {
        DecommissioningSet set = new DecommissioningSet();
        assertEquals(Set.of("b1", "b2"), set.replace(Set.of("b1", "b2"), 10));
        set.counted(Map.of("b1", 4, "b2", 7));

        Set<String> changed = set.replace(Set.of("b2", "b3"), 11);

        assertEquals(Set.of("b1", "b3"), changed);
        assertFalse(set.contains("b1"));
        assertEquals(7, set.pending("b2", NOT_COUNTED), "b2 kept decommissioning: its count stands");
        assertEquals(NOT_COUNTED, set.pending("b3", NOT_COUNTED), "b3 just started: not counted yet");
        assertEquals(NOT_COUNTED, set.pending("b1", NOT_COUNTED), "b1 is no longer decommissioning");
    }

    @Test
    void aDescriptionOfAnOlderIndexNeverUndoesANewerOne() {
        DecommissioningSet set = new DecommissioningSet();
        set.replace(Set.of("b1"), 20);

        assertEquals(Set.of(), set.replace(Set.of(), 19));

        assertTrue(set.contains("b1"));
        assertEquals(Set.of("b1"), set.ids());
    }
}
