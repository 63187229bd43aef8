package io.hydrafs.compute.input;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextInputFormatTest {
    private static final String PATH = "/in.txt";
    private final TextInputFormat format = new TextInputFormat();

    /** Lines of 0..40 characters, some empty, one per expected "offset:line". */
    private static String randomText(long seed, int lines, List<String> expected, boolean trailingNewline) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            int length = random.nextInt(10) == 0 ? 0 : random.nextInt(40);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < length; c++) {
                line.append((char) ('a' + random.nextInt(26)));
            }
            expected.add(text.length() + ":" + line);
            text.append(line);
            if (i < lines - 1 || trailingNewline) {
                text.append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void everyLineIsReadExactlyOnceForTwoSplitsCutAtEveryPosition() throws IOException {
        List<String> expected = new ArrayList<>();
        byte[] data = randomText(1, 60, expected, true).getBytes(StandardCharsets.US_ASCII);
        ByteArrayFiles files = new ByteArrayFiles().put(PATH, data);
        for (int cut = 1; cut < data.length; cut++) {
            List<InputSplit> splits = List.of(new InputSplit(PATH, 0, cut, List.of()),
                    new InputSplit(PATH, cut, data.length - cut, List.of()));
            assertEquals(expected, ByteArrayFiles.readAll(format, files, splits, v -> v), "cut at " + cut);
        }
    }

    @Test
    void everyLineIsReadExactlyOnceForManySplitSizes() throws IOException {
        for (boolean trailingNewline : new boolean[]{true, false}) {
            List<String> expected = new ArrayList<>();
            byte[] data = randomText(7, 200, expected, trailingNewline).getBytes(StandardCharsets.US_ASCII);
            ByteArrayFiles files = new ByteArrayFiles().put(PATH, data);
            for (int splitBytes = 1; splitBytes <= 97; splitBytes++) {
                List<InputSplit> splits = ByteArrayFiles.evenSplits(PATH, data.length, splitBytes);
                assertEquals(expected, ByteArrayFiles.readAll(format, files, splits, v -> v),
                        "split bytes " + splitBytes + ", trailing newline " + trailingNewline);
            }
        }
    }

    @Test
    void aSplitInsideOneLongLineOwnsNothing() throws IOException {
        byte[] data = ("x".repeat(1000) + "\nlast\n").getBytes(StandardCharsets.US_ASCII);
        ByteArrayFiles files = new ByteArrayFiles().put(PATH, data);
        List<String> middle = ByteArrayFiles.readAll(format, files,
                List.of(new InputSplit(PATH, 100, 100, List.of())), v -> v);
        List<String> first = ByteArrayFiles.readAll(format, files,
                List.of(new InputSplit(PATH, 0, 100, List.of())), v -> v);
        assertEquals(List.of(), middle);
        assertEquals(List.of("0:" + "x".repeat(1000)), first);
    }

    @Test
    void carriageReturnBeforeNewlineIsDropped() throws IOException {
        byte[] data = "one\r\ntwo\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteArrayFiles files = new ByteArrayFiles().put(PATH, data);
        assertEquals(List.of("0:one", "5:two"), ByteArrayFiles.readAll(format, files,
                ByteArrayFiles.evenSplits(PATH, data.length, 4), v -> v));
    }

    @Test
    void multiByteCharactersSplitAcrossSplitsDecodeWhole() throws IOException {
        byte[] data = "grüße\nwelt ☃\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayFiles files = new ByteArrayFiles().put(PATH, data);
        for (int splitBytes = 1; splitBytes < data.length; splitBytes++) {
            assertEquals(List.of("0:grüße", "8:welt ☃"), ByteArrayFiles.readAll(format, files,
                    ByteArrayFiles.evenSplits(PATH, data.length, splitBytes), v -> v));
        }
    }
}
