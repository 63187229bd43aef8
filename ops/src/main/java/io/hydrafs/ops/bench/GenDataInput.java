package io.hydrafs.ops.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * The {@code text} and {@code records} inputs of WORKLOADS.md, byte for byte what
 * {@code java GenData.java text|records SIZE_MIB OUT} writes (same seed, same draws in the same
 * order), so the MapReduce workloads read the data every other system reads. A port rather than
 * a call: the bench must not depend on a script outside the repository. {@code GenDataInputTest}
 * pins the bytes with digests of GenData's own output.
 */
public final class GenDataInput {
    static final int VOCAB = 50_000;
    public static final int RECORD_BYTES = 100;
    private static final long SEED = 42;

    /** The kinds the MapReduce workloads use. */
    public enum Kind { TEXT, RECORDS }

    private GenDataInput() {
    }

    /** Writes {@code mib} MiB of {@code kind} (as GenData: at most that many bytes) to {@code file}. */
    public static void write(Kind kind, int mib, Path file) throws IOException {
        long bytes = (long) mib << 20;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            switch (kind) {
                case TEXT -> text(bytes, out);
                case RECORDS -> records(bytes, out);
            }
        }
    }

    /** GenData's word for a rank: its base-26 spelling, least significant letter first. */
    static String word(int rank) {
        StringBuilder sb = new StringBuilder();
        int r = rank;
        do {
            sb.append((char) ('a' + r % 26));
            r /= 26;
        } while (r > 0);
        return sb.toString();
    }

    /** Lines of 8-14 words drawn from Zipf(1.1) over the vocabulary; a line that would pass {@code bytes} ends it. */
    static void text(long bytes, OutputStream out) throws IOException {
        String[] words = new String[VOCAB];
        double[] cdf = new double[VOCAB];
        double sum = 0;
        for (int i = 0; i < VOCAB; i++) {
            words[i] = word(i);
            sum += 1.0 / Math.pow(i + 1, 1.1);
            cdf[i] = sum;
        }
        for (int i = 0; i < VOCAB; i++) {
            cdf[i] /= sum;
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        long written = 0;
        StringBuilder line = new StringBuilder();
        while (written < bytes) {
            line.setLength(0);
            int n = 8 + rnd.nextInt(7);
            for (int w = 0; w < n; w++) {
                double u = rnd.nextDouble();
                int lo = 0;
                int hi = VOCAB - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (cdf[mid] < u) {
                        lo = mid + 1;
                    } else {
                        hi = mid;
                    }
                }
                if (w > 0) {
                    line.append(' ');
                }
                line.append(words[lo]);
            }
            line.append('\n');
            byte[] b = line.toString().getBytes(StandardCharsets.US_ASCII);
            if (written + b.length > bytes) {
                break;
            }
            out.write(b);
            written += b.length;
        }
    }

    /** 100-byte records: 10 printable random key bytes, 2 spaces, a 32-digit hex row id, filler, '\n'. */
    static void records(long bytes, OutputStream out) throws IOException {
        SplittableRandom rnd = new SplittableRandom(SEED);
        byte[] rec = new byte[RECORD_BYTES];
        long rows = bytes / RECORD_BYTES;
        for (long row = 0; row < rows; row++) {
            for (int i = 0; i < 10; i++) {
                rec[i] = (byte) (' ' + 1 + rnd.nextInt(94));
            }
            rec[10] = ' ';
            rec[11] = ' ';
            String id = String.format("%032X", row);
            for (int i = 0; i < 32; i++) {
                rec[12 + i] = (byte) id.charAt(i);
            }
            for (int i = 44; i < 99; i++) {
                rec[i] = (byte) ('A' + (int) ((row + i) % 26));
            }
            rec[99] = '\n';
            out.write(rec);
        }
    }
}
