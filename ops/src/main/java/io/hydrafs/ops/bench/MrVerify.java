package io.hydrafs.ops.bench;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks after a MapReduce workload, made without the MapReduce code: the word counts of
 * the local input counted directly, and for sort an order-independent digest of the records
 * (count, sum and xor of a 64-bit hash of each) plus the order of the output's keys. Each
 * returns null when the output is right, else what is wrong, in words.
 */
final class MrVerify {
    static final int KEY_BYTES = 10;

    private MrVerify() {
    }

    /** How often each word occurs, words being runs of bytes other than ' ' and '\n' (all GenData text has). */
    static Map<String, Long> countWords(Path text) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(text), 1 << 20)) {
            StringBuilder word = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0) {
                if (b == ' ' || b == '\n' || b == '\t' || b == '\r') {
                    if (word.length() > 0) {
                        counts.merge(word.toString(), 1L, Long::sum);
                        word.setLength(0);
                    }
                } else {
                    word.append((char) b);
                }
            }
            if (word.length() > 0) {
                counts.merge(word.toString(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Reads {@code word<TAB>count} lines of every part; a word in two lines is an error. */
    static Map<String, Long> readCounts(List<InputStream> parts) throws IOException {
        Map<String, Long> got = new HashMap<>();
        for (InputStream part : parts) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(part, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    int tab = line.indexOf('\t');
                    if (tab <= 0) {
                        throw new IOException("output line is not word<TAB>count: " + line);
                    }
                    if (got.put(line.substring(0, tab), Long.parseLong(line.substring(tab + 1))) != null) {
                        throw new IOException("word appears twice in the output: " + line.substring(0, tab));
                    }
                }
            }
        }
        return got;
    }

    /** Null if equal, else the first difference found. */
    static String compareCounts(Map<String, Long> expected, Map<String, Long> got) {
        if (expected.size() != got.size()) {
            return "output has " + got.size() + " distinct words, the input " + expected.size();
        }
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            if (!Objects.equals(got.get(e.getKey()), e.getValue())) {
                return "word " + e.getKey() + " counted " + got.get(e.getKey()) + ", expected " + e.getValue();
            }
        }
        return null;
    }

    /** An order-independent digest of fixed-length records, and whether they came sorted by key. */
    static final class RecordDigest {
        long count;
        long bytes;
        long sum;
        long xor;
        long outOfOrder;
        private byte[] previousKey;

        void add(byte[] record) {
            long h = hash(record);
            count++;
            bytes += record.length;
            sum += h;
            xor ^= h;
            if (previousKey != null && compareKeys(previousKey, record) > 0) {
                outOfOrder++;
            }
            previousKey = Arrays.copyOf(record, KEY_BYTES);
        }

        /** Null if {@code output} holds the same records as this (the input), sorted; else why not. */
        String checkSortedPermutationOf(RecordDigest input) {
            if (outOfOrder > 0) {
                return outOfOrder + " records of the output are out of order by their first " + KEY_BYTES + " bytes";
            }
            if (count != input.count || bytes != input.bytes) {
                return "output has " + count + " records (" + bytes + " bytes), the input " + input.count + " ("
                        + input.bytes + " bytes)";
            }
            if (sum != input.sum || xor != input.xor) {
                return "output records differ from the input's (same count, other digest)";
            }
            return null;
        }
    }

    /** Feeds every {@code recordBytes}-long record of {@code in}, in order; a partial record is an error. */
    static RecordDigest digest(List<InputStream> streams, int recordBytes) throws IOException {
        RecordDigest d = new RecordDigest();
        byte[] record = new byte[recordBytes];
        for (InputStream s : streams) {
            try (InputStream in = new BufferedInputStream(s, 1 << 20)) {
                while (true) {
                    int n = in.readNBytes(record, 0, recordBytes);
                    if (n == 0) {
                        break;
                    }
                    if (n < recordBytes) {
                        throw new IOException("a stream ends with a partial record of " + n + " bytes");
                    }
                    d.add(record);
                }
            }
        }
        return d;
    }

    static int compareKeys(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, 0, KEY_BYTES, b, 0, KEY_BYTES);
    }

    /** FNV-1a over the record, then a finalizer so the sum and xor mix every bit. */
    static long hash(byte[] record) {
        long h = 0xcbf29ce484222325L;
        for (byte b : record) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
