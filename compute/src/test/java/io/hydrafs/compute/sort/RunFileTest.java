package io.hydrafs.compute.sort;

import io.hydrafs.protocol.error.ErrorCode;
import io.hydrafs.protocol.error.HydraException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The run file format as {@link RunWriter} writes it and {@link RunReader} reads it back. */
class RunFileTest {
    @TempDir
    Path dir;

    private static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static List<RawRecord> readAll(RunReader reader) throws IOException {
        List<RawRecord> out = new ArrayList<>();
        for (RawRecord r = reader.next(); r != null; r = reader.next()) {
            out.add(r);
        }
        return out;
    }

    private static void assertSameRecords(List<RawRecord> expected, List<RawRecord> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).key(), actual.get(i).key(), "key of record " + i);
            assertArrayEquals(expected.get(i).value(), actual.get(i).value(), "value of record " + i);
        }
    }

    @Test
    void recordsOfEverySizeComeBackPerSegmentIncludingOnesLargerThanTheBuffers() throws IOException {
        Random random = new Random(11);
        Path file = dir.resolve("run");
        List<List<RawRecord>> segments = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        try (RunWriter out = new RunWriter(file)) {
            for (int s = 0; s < 3; s++) {
                starts.add(out.position());
                List<RawRecord> records = new ArrayList<>();
                for (int i = 0; i < 4000; i++) {
                    int valueLength = i % 997 == 0 ? RunWriter.BUFFER_BYTES * 2 + 3 : random.nextInt(300);
                    RawRecord r = new RawRecord(bytes(random, random.nextInt(40)), bytes(random, valueLength));
                    out.write(r);
                    records.add(r);
                }
                segments.add(records);
            }
            starts.add(out.position());
        }
        assertEquals(Files.size(file), starts.get(3), "position() is the file's length");
        for (int s = 0; s < 3; s++) {
            try (RunReader in = new RunReader(file, starts.get(s), starts.get(s + 1))) {
                assertSameRecords(segments.get(s), readAll(in));
                assertEquals(starts.get(s + 1) - starts.get(s), in.bytesRead());
            }
        }
    }

    @Test
    void emptyKeysAndValuesAndAnEmptySegmentRoundTrip() throws IOException {
        Path file = dir.resolve("run");
        RawRecord empty = new RawRecord(new byte[0], new byte[0]);
        try (RunWriter out = new RunWriter(file)) {
            out.write(empty);
            out.write(empty);
        }
        try (RunReader in = new RunReader(file, 0, Files.size(file))) {
            assertSameRecords(List.of(empty, empty), readAll(in));
        }
        try (RunReader in = new RunReader(file, 2, 2)) {
            assertNull(in.next());
        }
    }

    @Test
    void aSegmentEndingInsideARecordIsAnIoErrorNotAShortRecord() throws IOException {
        Path file = dir.resolve("run");
        try (RunWriter out = new RunWriter(file)) {
            out.write(new RawRecord(new byte[] {1, 2, 3}, new byte[200]));
        }
        for (long end : new long[] {1, 5, Files.size(file) - 1}) {
            try (RunReader in = new RunReader(file, 0, end)) {
                HydraException e = assertThrows(HydraException.class, in::next);
                assertEquals(ErrorCode.IO_ERROR, e.code());
            }
        }
    }

    @Test
    void aFileShorterThanItsSegmentIsAnIoError() throws IOException {
        Path file = dir.resolve("run");
        try (RunWriter out = new RunWriter(file)) {
            out.write(new RawRecord(new byte[10], new byte[100]));
        }
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 30));
        try (RunReader in = new RunReader(file, 0, all.length)) {
            HydraException e = assertThrows(HydraException.class, in::next);
            assertEquals(ErrorCode.IO_ERROR, e.code());
        }
    }

    @Test
    void aLengthThatNeverEndsIsAMalformedRunFile() throws IOException {
        Path file = dir.resolve("run");
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xff);
        Files.write(file, garbage);
        try (RunReader in = new RunReader(file, 0, garbage.length)) {
            HydraException e = assertThrows(HydraException.class, in::next);
            assertEquals(ErrorCode.IO_ERROR, e.code());
        }
    }
}
