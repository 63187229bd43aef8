package io.hydrafs.ops.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MrVerifyTest {
    @TempDir
    Path dir;

    @Test
    void wordsAreCountedAcrossLinesAndRepeatedSpaces() throws Exception {
        Path text = dir.resolve("t");
        Files.writeString(text, "a b  a\nc a\nb");

        assertEquals(Map.of("a", 3L, "b", 2L, "c", 1L), MrVerify.countWords(text));
    }

    @Test
    void aWrongCountOrAWordInTwoPartsIsReported() throws Exception {
        Map<String, Long> expected = Map.of("a", 3L, "b", 2L);

        assertNull(MrVerify.compareCounts(expected, MrVerify.readCounts(List.of(stream("a\t3\n"), stream("b\t2\n")))));
        assertEquals("word b counted 1, expected 2",
                MrVerify.compareCounts(expected, MrVerify.readCounts(List.of(stream("a\t3\nb\t1\n")))));
        Exception twice = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> MrVerify.readCounts(List.of(stream("a\t1\n"), stream("a\t2\n"))));
        assertTrue(twice.getMessage().contains("twice"));
    }

    @Test
    void sortedPermutationPassesAndEachKindOfWrongOutputFails() throws Exception {
        byte[] r1 = record('C', 1);
        byte[] r2 = record('A', 2);
        byte[] r3 = record((char) 0xC3, 3);
        MrVerify.RecordDigest input = MrVerify.digest(List.of(bytes(r1, r2, r3)), 100);

        assertNull(MrVerify.digest(List.of(bytes(r2, r1), bytes(r3)), 100).checkSortedPermutationOf(input));
        assertTrue(MrVerify.digest(List.of(bytes(r1, r2, r3)), 100).checkSortedPermutationOf(input)
                .contains("out of order"));
        assertTrue(MrVerify.digest(List.of(bytes(r2, r1)), 100).checkSortedPermutationOf(input).contains("2 records"));
        byte[] changed = r3.clone();
        changed[50] ^= 1;
        assertTrue(MrVerify.digest(List.of(bytes(r2, r1, changed)), 100).checkSortedPermutationOf(input)
                .contains("differ"));
    }

    /** A 100-byte record whose 10-byte key is {@code key} repeated; the rest says which one it is. */
    private static byte[] record(char key, int id) {
        byte[] r = new byte[100];
        Arrays.fill(r, 0, 10, (byte) key);
        Arrays.fill(r, 10, 99, (byte) ('0' + id));
        r[99] = '\n';
        return r;
    }

    private static InputStream bytes(byte[]... records) {
        byte[] all = new byte[records.length * 100];
        for (int i = 0; i < records.length; i++) {
            System.arraycopy(records[i], 0, all, i * 100, 100);
        }
        return new ByteArrayInputStream(all);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
