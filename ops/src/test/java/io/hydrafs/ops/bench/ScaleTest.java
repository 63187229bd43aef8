package io.hydrafs.ops.bench;

import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScaleTest {
    @Test
    void parsesFullAndFractionalScales() throws Exception {
        assertEquals(Scale.FULL, Scale.parse("1"));
        assertEquals(Scale.SIXTEENTH, Scale.parse("1/16"));
        assertEquals(new Scale(1000), Scale.parse(" 1/1000 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "1/0", "1/-3", "1/x", "16", "1/16/2", "0.5"})
    void rejectsAnythingElse(String text) {
        assertThrows(HydraException.class, () -> Scale.parse(text));
    }

    @Test
    void dividesCountsAsTheHdfsPeerDoes() {
        MetaCounts c = MetaCounts.of(Scale.SIXTEENTH, 8);

        assertEquals(new MetaCounts(8, 156, 781, 12, 62), c);
        assertEquals(1248, c.totalFiles());
        assertEquals(new MetaCounts(8, 2500, 12500, 200, 1000), MetaCounts.of(Scale.FULL, 8));
    }

    @Test
    void countsNeverDropBelowOne() {
        assertEquals(new MetaCounts(8, 2, 12, 1, 1), MetaCounts.of(new Scale(1000), 8));
        assertEquals(1, new Scale(1_000_000).of(2500));
    }

    @Test
    void labelsAsTheHdfsPeer() {
        assertEquals("1/1", Scale.FULL.label());
        assertEquals("1/16", Scale.SIXTEENTH.label());
    }
}
