package io.hydrafs.ops.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RestartFilesTest {
    @Test
    void countIsAMillionAtFullScaleAndDividedAtSmallerScales() {
        assertEquals(1_000_000, RestartFiles.of("/bench", Scale.FULL).count());
        assertEquals(62_500, RestartFiles.of("/bench", Scale.SIXTEENTH).count());
    }

    @Test
    void noDirectoryHoldsMoreThanTenThousandFiles() {
        RestartFiles files = RestartFiles.of("/bench", Scale.SIXTEENTH);

        assertEquals(7, files.directories());
        assertEquals(10_000, files.filesIn(0));
        assertEquals(2_500, files.filesIn(6));
        assertEquals("/bench-ha-restart/n62500/d0/f9999", files.file(9_999));
        assertEquals("/bench-ha-restart/n62500/d1/f0", files.file(10_000));
        assertEquals("/bench-ha-restart/n62500/d6/f2499", files.file(62_499));
    }

    @Test
    void theTreeLivesBesideTheBaseAndIsNamedByItsSize() {
        RestartFiles files = new RestartFiles("/bench", 1_000);

        assertEquals("/bench-ha-restart", files.parent());
        assertEquals("/bench-ha-restart/n1000", files.root());
        assertEquals("/bench-ha-restart/n1000/COMPLETE", files.marker());
        assertEquals(1, files.directories());
        assertEquals(1_000, files.filesIn(0));
    }

    @Test
    void aFileOutsideTheCountIsABug() {
        RestartFiles files = new RestartFiles("/bench", 10);

        assertThrows(IllegalArgumentException.class, () -> files.file(10));
        assertThrows(IllegalArgumentException.class, () -> files.file(-1));
    }
}
