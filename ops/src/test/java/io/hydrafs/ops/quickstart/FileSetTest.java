package io.hydrafs.ops.quickstart;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileSetTest {
    @Test
    void bytesDependOnlyOnFileAndOffsetWhateverPiecesTheyAreMadeIn() {
        byte[] whole = new byte[1000];
        FileSet.fill(3, 5, whole, 0, whole.length);
        byte[] pieces = new byte[1000];
        FileSet.fill(3, 5, pieces, 0, 7);
        FileSet.fill(3, 12, pieces, 7, 993);

        assertArrayEquals(whole, pieces);
    }

    @Test
    void twoFilesHoldDifferentBytes() {
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        FileSet.fill(0, 0, a, 0, a.length);
        FileSet.fill(1, 0, b, 0, b.length);

        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void theQuickstartSetIsAboutThirtyMibInBlocksOfOneMib() {
        FileSet set = FileSet.quickstart("/q");

        assertEquals(11, set.size());
        assertTrue(set.totalBytes() > 20 * FileSet.MIB && set.totalBytes() < 40 * FileSet.MIB, "" + set.totalBytes());
        assertEquals(37, set.totalBlocks());
        assertEquals("/q/f03-65537B", set.path(3));
        assertEquals(List.of(0L, 1L, 511L), set.lengths().subList(0, 3));
    }
}
