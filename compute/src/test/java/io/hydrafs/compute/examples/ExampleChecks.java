package io.hydrafs.compute.examples;

import io.hydrafs.client.HydraFileSystem;
import io.hydrafs.compute.ClusterFixture;
import io.hydrafs.compute.serde.KeyComparator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs for the examples and independent checks of their outputs, shared by the local and
 * the distributed runtime's tests.
 */
public final class ExampleChecks {
    private ExampleChecks() {
    }

    /** About {@code bytes} of text from a skewed vocabulary; the counts are kept as words are drawn. */
    public static String text(int bytes, long seed, Map<String, Long> counts) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder();
        while (text.length() < bytes) {
            int words = random.nextInt(15);
            for (int w = 0; w < words; w++) {
                int rank = (int) Math.min(5000, Math.abs(random.nextGaussian()) * 800);
                String word = "w" + rank + (rank % 7 == 0 ? "é" : "");
                counts.merge(word, 1L, Long::sum);
                text.append(w == 0 ? "" : random.nextBoolean() ? " " : "\t ").append(word);
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Reads wordcount part files, checking each is sorted and no word appears twice. */
    public static Map<String, Long> wordCounts(HydraFileSystem fs, List<String> parts) throws IOException {
        Map<String, Long> actual = new TreeMap<>();
        for (String part : parts) {
            String previous = null;
            String content = new String(ClusterFixture.read(fs, part), StandardCharsets.UTF_8);
            if (content.isEmpty()) {
                continue;
            }
            for (String line : content.split("\n")) {
                String[] kv = line.split("\t");
                assertNull(actual.put(kv[0], Long.parseLong(kv[1])), "word twice: " + kv[0]);
                assertTrue(previous == null || KeyComparator.UNSIGNED_BYTES.compare(
                        previous.getBytes(StandardCharsets.UTF_8), kv[0].getBytes(StandardCharsets.UTF_8)) < 0,
                        "part sorted");
                previous = kv[0];
            }
        }
        return actual;
    }

    /** {@code records} random fixed-length records. */
    public static byte[] records(int records, long seed) {
        byte[] input = new byte[records * Sort.RECORD_BYTES];
        new Random(seed).nextBytes(input);
        return input;
    }

    /** The parts, concatenated, are the input's records in total key order. */
    public static void assertSortedPermutation(HydraFileSystem fs, List<String> parts, byte[] input) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (String part : parts) {
            all.write(ClusterFixture.read(fs, part));
        }
        byte[] output = all.toByteArray();
        assertEquals(input.length, output.length);
        List<byte[]> out = split(output);
        for (int i = 1; i < out.size(); i++) {
            assertTrue(KeyComparator.UNSIGNED_BYTES.compare(out.get(i - 1), 0, Sort.KEY_BYTES,
                    out.get(i), 0, Sort.KEY_BYTES) <= 0, "sorted at record " + i);
        }
        List<byte[]> in = split(input);
        in.sort(KeyComparator.UNSIGNED_BYTES::compare);
        out.sort(KeyComparator.UNSIGNED_BYTES::compare);
        for (int i = 0; i < in.size(); i++) {
            assertArrayEquals(in.get(i), out.get(i), "same records at " + i);
        }
    }

    private static List<byte[]> split(byte[] data) {
        List<byte[]> records = new ArrayList<>();
        for (int off = 0; off < data.length; off += Sort.RECORD_BYTES) {
            records.add(Arrays.copyOfRange(data, off, off + Sort.RECORD_BYTES));
        }
        return records;
    }
}
